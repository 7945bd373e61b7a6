import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../src/index.js';
import { baseEnv, JSON_HEADERS, rpc, TOKEN, testTools } from './helpers.js';

const AUTH = { ...JSON_HEADERS, Authorization: `Bearer ${TOKEN}`, 'MCP-Protocol-Version': '2025-11-25' };

/** One raw HTTP/1.1 exchange, so the test controls what fetch would normalise (chunked bodies, odd targets). */
function raw(
  port: number,
  options: { method: string; path: string; headers?: Record<string, string>; chunks?: readonly string[] },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** The mcp_sse_sessions gauge, read through /metrics. */
async function openSseSessions(server: RunningServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
  return Number(/^mcp_sse_sessions (\d+)$/m.exec(text)?.[1]);
}

describe('Node bridge to the fetch handler', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer(
      { name: 'bridge-test', version: '1.0.0', tools: testTools },
      baseEnv({ MCP_MAX_BODY_BYTES: '1024', MCP_METRICS: 'true' }),
    );
  });
  after(() => server.close());

  test('a chunked body without Content-Length is cut at the limit while streaming: 413, and the server keeps serving', async () => {
    const chunk = 'x'.repeat(600);
    const answer = await raw(server.port, {
      method: 'POST',
      path: '/mcp',
      headers: { ...AUTH, 'Transfer-Encoding': 'chunked' },
      chunks: ['{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"', chunk, chunk, '"}}'],
    });
    assert.equal(answer.status, 413);
    assert.equal(answer.headers.connection, 'close');
    assert.match(answer.body, /exceeds 1024 bytes/);
    const after = await raw(server.port, { method: 'POST', path: '/mcp', headers: AUTH, chunks: [rpc('tools/call', { name: 'echo', arguments: { text: 'still here' } })] });
    assert.equal(after.status, 200);
    assert.match(after.body, /still here/);
  });

  test('a streamed answer that completes at once carries its Content-Length; the body is the SSE event', async () => {
    const answer = await raw(server.port, { method: 'POST', path: '/mcp', headers: AUTH, chunks: [rpc('tools/call', { name: 'echo', arguments: { text: 'one write' } })] });
    assert.equal(answer.headers['content-type'], 'text/event-stream');
    assert.equal(Number(answer.headers['content-length']), Buffer.byteLength(answer.body));
    assert.match(answer.body, /^event: message\ndata: .*one write/);
  });

  test('a client that leaves an /sse stream ends its session on the server', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/sse`, { headers: { Authorization: `Bearer ${TOKEN}` }, signal: controller.signal });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    assert.match(first, /^event: endpoint\n/);
    assert.equal(await openSseSessions(server), 1);
    controller.abort();
    const deadline = Date.now() + 5_000;
    while ((await openSseSessions(server)) !== 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await openSseSessions(server), 0);
  });

  test('an origin-form target keeps its path: //host/mcp is not /mcp on another host', async () => {
    const answer = await raw(server.port, { method: 'POST', path: '//evil.example/mcp', headers: AUTH, chunks: [rpc('ping')] });
    assert.equal(answer.status, 404);
  });

  test('a request-target that is not a URL (OPTIONS *) is 400 with a message', async () => {
    const answer = await raw(server.port, { method: 'OPTIONS', path: '*' });
    assert.equal(answer.status, 400);
    assert.match(answer.body, /Bad request URL/);
  });
});
