import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, startServer, type RunningServer } from '../src/index.js';
import { connectTestClient, readFirstSseEvent } from '../src/testing.js';
import { baseEnv, captureLogger, JSON_HEADERS, rpc, TOKEN, testTools } from './helpers.js';

const options = { name: 'core-test', version: '1.2.3', tools: testTools };

describe('startServer', () => {
  let server: RunningServer;
  const logs = captureLogger();

  before(async () => {
    server = await startServer({ ...options, logger: logs.logger }, baseEnv({ MCP_ALLOWED_ORIGINS: 'https://app.example.com' }));
  });
  after(() => server.close());

  for (const transport of ['streamable-http', 'sse'] as const) {
    test(`${transport}: initialize, list and call tools with the SDK client`, async () => {
      const client = await connectTestClient({ url: server.url, transport, token: TOKEN });
      try {
        assert.deepEqual(client.serverInfo, { name: 'core-test', version: '1.2.3' });
        const tools = await client.listTools();
        assert.deepEqual(tools.map((tool) => tool.name), ['echo', 'explode', 'refuse', 'sleep']);
        assert.deepEqual(tools[0]?.inputSchema.required, ['text']);

        const echo = await client.callTool('echo', { text: 'hi' });
        assert.deepEqual(echo.content, [{ type: 'text', text: 'hi' }]);
        assert.notEqual(echo.isError, true);

        const exploded = await client.callTool('explode');
        assert.equal(exploded.isError, true);
        assert.match(JSON.stringify(exploded.content), /kaboom/);

        const refused = await client.callTool('refuse');
        assert.deepEqual(refused, { content: [{ type: 'text', text: 'not today' }], isError: true });

        // The server keeps serving after a failing tool.
        assert.deepEqual((await client.callTool('echo', { text: 'still here' })).content, [{ type: 'text', text: 'still here' }]);
      } finally {
        await client.close();
      }
    });
  }

  test('a tool over its timeout returns an error result and sees its signal aborted', async () => {
    const client = await connectTestClient({ url: server.url, transport: 'streamable-http', token: TOKEN });
    try {
      const result = await client.callTool('sleep', { ms: 5_000 });
      assert.equal(result.isError, true);
      assert.match(JSON.stringify(result.content), /timed out after 200 ms/);
      assert.deepEqual((await client.callTool('sleep', { ms: 1 })).content, [{ type: 'text', text: 'slept' }]);
    } finally {
      await client.close();
    }
  });

  test('/health is open and reports name and version, also /ready', async () => {
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', name: 'core-test', version: '1.2.3' });
    assert.equal((await fetch(`${server.url}/ready`)).status, 200);
  });

  for (const [label, authorization] of [
    ['missing', undefined],
    ['wrong', 'Bearer not-the-token'],
    ['non-bearer', `Basic ${TOKEN}`],
  ] as const) {
    test(`401 with WWW-Authenticate for a ${label} token`, async () => {
      const headers: Record<string, string> = { ...JSON_HEADERS };
      if (authorization !== undefined) headers.Authorization = authorization;
      const res = await fetch(`${server.url}/mcp`, { method: 'POST', headers, body: rpc('tools/list') });
      assert.equal(res.status, 401);
      // RFC 6750: no credentials, a bare challenge; wrong ones, error="invalid_token". Both point at the metadata.
      const challenge = res.headers.get('www-authenticate') ?? '';
      assert.match(challenge, label === 'missing' ? /^Bearer resource_metadata="/ : /^Bearer error="invalid_token", /);
      assert.match(challenge, /resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/);
      const body = (await res.json()) as { error: { message: string } };
      assert.match(body.error.message, /Unauthorized/);
    });
  }

  test('401 on /sse and /messages without a token', async () => {
    assert.equal((await fetch(`${server.url}/sse`)).status, 401);
    const res = await fetch(`${server.url}/messages?sessionId=x`, { method: 'POST', headers: JSON_HEADERS, body: rpc('ping') });
    assert.equal(res.status, 401);
  });

  test('403 for a foreign Origin; listed and same-host origins pass', async () => {
    const call = (origin: string) =>
      fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, Authorization: `Bearer ${TOKEN}`, Origin: origin },
        body: rpc('ping'),
      });
    assert.equal((await call('https://evil.example')).status, 403);
    assert.equal((await call('null')).status, 403);
    assert.equal((await call('https://app.example.com')).status, 200);
    assert.equal((await call(new URL(server.url).origin)).status, 200);
  });

  test('GET and DELETE /mcp answer 405 with a JSON-RPC error (stateless)', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${server.url}/mcp`, { method, headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 405);
      const body = (await res.json()) as { jsonrpc: string; error: { code: number } };
      assert.equal(body.jsonrpc, '2.0');
      assert.equal(body.error.code, -32000);
    }
  });

  test('413 for a body over the cap, 415 for non-JSON, 400 for bad JSON', async () => {
    const headers = { ...JSON_HEADERS, Authorization: `Bearer ${TOKEN}` };
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(1024 * 1024) } });
    assert.equal((await fetch(`${server.url}/mcp`, { method: 'POST', headers, body: big })).status, 413);
    assert.equal(
      (await fetch(`${server.url}/mcp`, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'x' })).status,
      415,
    );
    assert.equal((await fetch(`${server.url}/mcp`, { method: 'POST', headers, body: '{' })).status, 400);
  });

  test('unknown SSE session gets 404, unknown path 404', async () => {
    const res = await fetch(`${server.url}/messages?sessionId=nope`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, Authorization: `Bearer ${TOKEN}` },
      body: rpc('ping'),
    });
    assert.equal(res.status, 404);
    assert.equal((await fetch(`${server.url}/nothing`)).status, 404);
  });

  test('the first SSE event is the endpoint, with the streaming headers', async () => {
    const { status, headers, firstChunk } = await readFirstSseEvent(server.url, TOKEN);
    assert.equal(status, 200);
    assert.equal(headers.get('content-type'), 'text/event-stream');
    assert.equal(headers.get('cache-control'), 'no-cache, no-transform');
    assert.equal(headers.get('x-accel-buffering'), 'no');
    assert.match(firstChunk, /^event: endpoint\ndata: \/messages\?sessionId=[0-9a-f-]{36}\n\n(event: open\ndata: \{"sessionId":"[0-9a-f-]{36}"\}\n\n)?$/);
  });

  test('one JSON log line per request with tool name and no token', async () => {
    const client = await connectTestClient({ url: server.url, transport: 'streamable-http', token: TOKEN });
    await client.callTool('echo', { text: 'log me' });
    await client.close();
    await new Promise((resolve) => setImmediate(resolve));
    const line = logs
      .lines()
      .find((entry) => entry.message === 'request' && entry.tool === 'echo' && entry.rpcMethod === 'tools/call');
    assert.ok(line, 'a request line for tools/call echo');
    assert.equal(line.method, 'POST');
    assert.equal(line.path, '/mcp');
    assert.equal(line.status, 200);
    assert.equal(typeof line.durationMs, 'number');
    assert.equal(line.severity, 'INFO');
    assert.ok(logs.lines().some((entry) => entry.severity === 'ERROR' && entry.tool === 'explode'));
    assert.equal(logs.raw().includes(TOKEN), false, 'the token never reaches the log');
  });
});

describe('startServer options', () => {
  test('rejects with ConfigError when no token is configured', async () => {
    await assert.rejects(startServer(options, { PORT: '0', LOG_LEVEL: 'silent' }), ConfigError);
  });

  test('MCP_AUTH_DISABLED=true serves without a token', async () => {
    const server = await startServer(options, { PORT: '0', LOG_LEVEL: 'silent', MCP_AUTH_DISABLED: 'true' });
    try {
      const res = await fetch(`${server.url}/mcp`, { method: 'POST', headers: JSON_HEADERS, body: rpc('ping') });
      assert.equal(res.status, 200);
    } finally {
      await server.close();
    }
  });

  test('MCP_BASE_PATH prefixes routes and the endpoint event; /health stays at the root', async () => {
    const server = await startServer(options, baseEnv({ MCP_BASE_PATH: '/billing' }));
    try {
      assert.match(server.url, /\/billing$/);
      const origin = new URL(server.url).origin;
      assert.equal((await fetch(`${origin}/health`)).status, 200);
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
      const { firstChunk } = await readFirstSseEvent(server.url, TOKEN);
      assert.match(firstChunk, /^event: endpoint\ndata: \/billing\/messages\?sessionId=/);
      const client = await connectTestClient({ url: server.url, transport: 'sse', token: TOKEN });
      assert.equal((await client.listTools()).length, 4);
      await client.close();
    } finally {
      await server.close();
    }
  });

  test('Host guard: loopback bind refuses foreign hosts, allows MCP_ALLOWED_HOSTS', async () => {
    const server = await startServer(options, baseEnv({ MCP_ALLOWED_HOSTS: 'mcp.example.com' }));
    try {
      const { port } = server;
      const status = (host: string) => rawStatus(port, host);
      assert.equal(await status('evil.example'), 403);
      assert.equal(await status('mcp.example.com'), 200);
      assert.equal(await status(`localhost:${port}`), 200);
      assert.equal(await status('healthcheck.railway.app'), 200);
    } finally {
      await server.close();
    }
  });

  test('Host guard: wildcard bind with no MCP_ALLOWED_HOSTS accepts any host', async () => {
    const server = await startServer(options, baseEnv({ HOST: '0.0.0.0' }));
    try {
      assert.equal(await rawStatus(server.port, 'billing-abc123.a.run.app'), 200);
    } finally {
      await server.close();
    }
  });

  test('503 beyond MCP_MAX_SSE_SESSIONS, and keepalive comments on the stream', async () => {
    const server = await startServer(options, baseEnv({ MCP_MAX_SSE_SESSIONS: '1', MCP_SSE_KEEPALIVE_MS: '30' }));
    try {
      const controller = new AbortController();
      const first = await fetch(`${server.url}/sse`, { headers: { Authorization: `Bearer ${TOKEN}` }, signal: controller.signal });
      const reader = first.body!.getReader();
      let text = '';
      while (!text.includes(': keepalive')) text += new TextDecoder().decode((await reader.read()).value);
      assert.ok(text.startsWith('event: endpoint\n'));

      const second = await fetch(`${server.url}/sse`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.equal(second.status, 503);
      await reader.cancel();
      controller.abort();
    } finally {
      await server.close();
    }
  });

  test('close() ends open SSE streams and stops listening', async () => {
    const server = await startServer(options, baseEnv());
    const client = await connectTestClient({ url: server.url, transport: 'sse', token: TOKEN });
    const started = Date.now();
    await server.close();
    assert.ok(Date.now() - started < 2_000, 'drained promptly');
    await assert.rejects(fetch(`${server.url}/health`));
    await client.close();
  });
});

/** Status of /mcp ping with an arbitrary Host header (fetch forbids setting Host). */
async function rawStatus(port: number, host: string): Promise<number> {
  const { request } = await import('node:http');
  const body = rpc('ping');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: 'POST',
        headers: { ...JSON_HEADERS, Host: host, Authorization: `Bearer ${TOKEN}`, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
