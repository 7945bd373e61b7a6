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
      assert.equal((await client.listTools()).length, 5);

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

  test('SIGTERM with a slow tool call in flight: the call finishes, new work is refused, exit 0', async () => {
    const child = launch({ PORT: '0', MCP_AUTH_TOKEN: TOKEN, MCP_SHUTDOWN_TIMEOUT_MS: '5000' });
    const stdout = collect(child.stdout);
    try {
      const url = await waitForUrl(stdout, child);
      const client = await connectTestClient({ url, transport: 'streamable-http', token: TOKEN });
      const sse = await connectTestClient({ url, transport: 'sse', token: TOKEN });
      const call = client.callTool('slow', { ms: 1500 });
      // Let the call reach the tool (its request line is logged only when it completes).
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      const exited = once(child, 'exit') as Promise<[number | null]>;
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Readiness has turned and the listener is closed: new work goes elsewhere.
      await assert.rejects(fetch(`${url}/ready`));

      const result = await call;
      assert.deepEqual(result.content, [{ type: 'text', text: 'done after 1500 ms' }]);
      const [code] = await exited;
      assert.equal(code, 0);
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 1_000, `waited for the in-flight call (${elapsed} ms)`);
      assert.ok(elapsed < 5_000, `exited before the deadline (${elapsed} ms)`);
      assert.match(stdout(), /"inFlight":[1-9]/);
      assert.match(stdout(), /"message":"shutdown complete"/);
      await client.close();
      await sse.close();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  test('SIGTERM deadline: a call longer than MCP_SHUTDOWN_TIMEOUT_MS is cut and the process still exits 0', async () => {
    const child = launch({ PORT: '0', MCP_AUTH_TOKEN: TOKEN, MCP_SHUTDOWN_TIMEOUT_MS: '500' });
    const stdout = collect(child.stdout);
    try {
      const url = await waitForUrl(stdout, child);
      const client = await connectTestClient({ url, transport: 'streamable-http', token: TOKEN });
      const call = client.callTool('slow', { ms: 20_000 }).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 0);
      assert.ok(Date.now() - started < 2_500, 'exited soon after the deadline');
      assert.match(stdout(), /shutdown deadline reached/);
      // Closing the client settles the cut call at once; awaited first, the call would sit out the SDK's
      // 60 s request timeout.
      await client.close().catch(() => undefined);
      await call;
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
