import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '@app/mcp-core';
import { connectTestClient, type TestClient, type TransportKind } from '@app/mcp-core/testing';
import { serverOptions } from '../src/server.js';

const TOKEN = 'test-token-not-a-secret';

// What every module must keep true, whatever tools it serves. Each tool's own behaviour is tested in
// its own describe block below (one per file under src/tools/): adding a tool adds a block, it never
// edits these.
describe('mcp-module-name-mcp server', () => {
  let server: RunningServer;

  before(async () => {
    server = await startServer(serverOptions, { PORT: '0', HOST: '127.0.0.1', MCP_AUTH_TOKEN: TOKEN, LOG_LEVEL: 'silent' });
  });

  after(async () => {
    await server.close();
  });

  for (const transport of ['streamable-http', 'sse'] as const satisfies readonly TransportKind[]) {
    test(`${transport}: lists every registered tool, each described with an object input schema`, async () => {
      const client = await connectTestClient({ url: server.url, transport, token: TOKEN });
      try {
        assert.equal(client.serverInfo?.name, serverOptions.name);
        const listed = await client.listTools();
        assert.deepEqual(listed.map((tool) => tool.name).sort(), serverOptions.tools.map((tool) => tool.name).sort());
        for (const tool of listed) {
          assert.ok((tool.description ?? '').length > 0, `${tool.name} has a description`);
          assert.equal(tool.inputSchema.type, 'object');
        }
      } finally {
        await client.close();
      }
    });
  }

  test('rejects MCP requests without the bearer token', async () => {
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer\b/);
  });

  test('/health answers 200 without a token', async () => {
    const res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', name: serverOptions.name, version: serverOptions.version });
  });

  test('server version matches package.json', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.equal(serverOptions.version, pkg.version);
  });
});

/** Starts the module's server for one tool's tests and hands each test a connected client. */
function withClient(run: (client: () => TestClient) => void): void {
  let server: RunningServer;
  let client: TestClient;
  before(async () => {
    server = await startServer(serverOptions, { PORT: '0', HOST: '127.0.0.1', MCP_AUTH_TOKEN: TOKEN, LOG_LEVEL: 'silent' });
    client = await connectTestClient({ url: server.url, transport: 'streamable-http', token: TOKEN });
  });
  after(async () => {
    await client.close();
    await server.close();
  });
  run(() => client);
}

function text(result: { content: { type: string; text?: string }[] }): string {
  return result.content.map((block) => block.text ?? '').join('\n');
}

describe('echo', () => {
  withClient((client) => {
    test('returns the text', async () => {
      assert.equal(text(await client().callTool('echo', { text: 'hello' })), 'hello');
    });

    test('an empty text is refused, naming the field', async () => {
      const result = await client().callTool('echo', { text: '' });
      assert.equal(result.isError, true);
      assert.match(text(result), /text/);
    });
  });
});

describe('add', () => {
  withClient((client) => {
    test('returns the sum, structured and as JSON text', async () => {
      const result = await client().callTool('add', { a: 2, b: 3.5 });
      assert.notEqual(result.isError, true);
      assert.deepEqual(result.structuredContent, { sum: 5.5 });
      assert.deepEqual(JSON.parse(text(result)), { sum: 5.5 });
    });

    test('a wrong-typed argument is refused, naming the field', async () => {
      const result = await client().callTool('add', { a: 'two', b: 3 });
      assert.equal(result.isError, true);
      assert.match(text(result), /\ba\b/);
    });

    test('a sum too large for JSON is an error, never a null success', async () => {
      const result = await client().callTool('add', { a: 1e308, b: 1e308 });
      assert.equal(result.isError, true);
      assert.match(text(result), /finite/);
      assert.equal(result.structuredContent, undefined);
    });
  });
});
