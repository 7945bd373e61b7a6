import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '@app/mcp-core';
import { connectTestClient, type TransportKind } from '@app/mcp-core/testing';
import { serverOptions } from '../src/server.js';

const TOKEN = 'test-token-not-a-secret';

describe('mcp-module-name-mcp server', () => {
  let server: RunningServer;

  before(async () => {
    server = await startServer(serverOptions, {
      PORT: '0',
      HOST: '127.0.0.1',
      MCP_AUTH_TOKEN: TOKEN,
      LOG_LEVEL: 'silent',
    });
  });

  after(async () => {
    await server.close();
  });

  for (const transport of ['streamable-http', 'sse'] as const satisfies readonly TransportKind[]) {
    test(`${transport}: initialize, tools/list, tools/call`, async () => {
      const client = await connectTestClient({ url: server.url, transport, token: TOKEN });
      try {
        assert.equal(client.serverInfo?.name, serverOptions.name);

        const names = (await client.listTools()).map((tool) => tool.name).sort();
        assert.deepEqual(names, ['add', 'echo']);

        const echo = await client.callTool('echo', { text: 'hello' });
        assert.deepEqual(echo.content, [{ type: 'text', text: 'hello' }]);

        const sum = await client.callTool('add', { a: 2, b: 3.5 });
        assert.deepEqual(sum.structuredContent, { sum: 5.5 });

        const invalid = await client.callTool('add', { a: 'two', b: 3 });
        assert.equal(invalid.isError, true);
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
    assert.equal(res.headers.get('www-authenticate'), 'Bearer');
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
