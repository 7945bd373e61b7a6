import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { connectTestClient } from '../src/testing.js';
import { TOKEN } from './helpers.js';

const fixture = fileURLToPath(new URL('./fixtures/run-server.js', import.meta.url));

function launch(env: Record<string, string>): ChildProcessWithoutNullStreams {
  // A clean environment: nothing inherited may satisfy or break the config under test.
  return spawn(process.execPath, [fixture], { env: { PATH: process.env.PATH ?? '', ...env } });
}

function collect(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

async function waitForUrl(stdout: () => string, child: ChildProcessWithoutNullStreams): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const match = /"url":"([^"]+)"/.exec(stdout());
    if (match?.[1] !== undefined) return match[1];
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`server did not start:\n${stdout()}`);
}

describe('runServer', () => {
  test('refuses to start without MCP_AUTH_TOKEN: exit code 1 and a clear message', async () => {
    const child = launch({ PORT: '0' });
    const stderr = collect(child.stderr);
    const stdout = collect(child.stdout);
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1);
    assert.match(stderr(), /MCP_AUTH_TOKEN/);
    assert.match(stderr(), /MCP_AUTH_DISABLED=true/);
    assert.equal(stdout(), '', 'nothing is served or logged');
  });

  test('SIGTERM closes SSE streams, drains and exits 0 before the deadline', async () => {
    const child = launch({ PORT: '0', MCP_AUTH_TOKEN: TOKEN, MCP_SHUTDOWN_TIMEOUT_MS: '3000' });
    const stdout = collect(child.stdout);
    try {
      const url = await waitForUrl(stdout, child);
      const client = await connectTestClient({ url, transport: 'sse', token: TOKEN });
      assert.equal((await client.listTools()).length, 4);

      const started = Date.now();
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 0);
      assert.ok(Date.now() - started < 3_000, 'exited before the shutdown deadline');
      assert.match(stdout(), /"message":"shutdown complete"/);
      assert.match(stdout(), /"severity":"INFO"/);
      assert.equal(stdout().includes(TOKEN), false, 'the token never reaches the log');
      await client.close();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
