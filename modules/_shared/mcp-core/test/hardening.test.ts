import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../src/index.js';
import { connectTestClient } from '../src/testing.js';
import { baseEnv, captureLogger, JSON_HEADERS, rpc, TOKEN, testTools } from './helpers.js';

const AUTH = { ...JSON_HEADERS, Authorization: `Bearer ${TOKEN}` };

describe('hardening', () => {
  let server: RunningServer;
  const logs = captureLogger();
  before(async () => {
    server = await startServer(
      { name: 'hard-test', version: '1.0.0', tools: testTools, logger: logs.logger },
      baseEnv({ MCP_ALLOWED_ORIGINS: 'https://app.example.com', MCP_METRICS: 'true' }),
    );
  });
  after(() => server.close());

  const post = (body: string, headers: Record<string, string> = AUTH) =>
    fetch(`${server.url}/mcp`, { method: 'POST', headers, body });

  test('CORS preflight for an allowed origin: allows the MCP headers, needs no token', async () => {
    const res = await fetch(`${server.url}/mcp`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, mcp-protocol-version' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example.com');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'mcp-protocol-version', 'mcp-session-id', 'content-type']) {
      assert.ok(allowed.includes(header), `allows ${header}`);
    }
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Mcp-Session-Id/);
    assert.equal(res.headers.get('vary'), 'Origin');
  });

  test('CORS: a foreign origin gets 403 on preflight and request; allowed origin sees exposed headers', async () => {
    const preflight = await fetch(`${server.url}/mcp`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    const res = await post(rpc('ping'), { ...AUTH, Origin: 'https://app.example.com' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Mcp-Session-Id/);
    await res.text();
  });

  test('malformed JSON-RPC gets the right JSON-RPC error codes and HTTP status', async () => {
    const cases: [string, number, number][] = [
      ['{"jsonrpc":"2.0","id":1,"method":', 400, -32700],
      ['not json', 400, -32700],
      ['42', 400, -32600],
      ['[]', 400, -32600],
      ['{"id":1,"method":"ping"}', 400, -32600],
      ['{"jsonrpc":"1.0","id":1,"method":"ping"}', 400, -32600],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      assert.equal(res.status, status, body);
      const json = (await res.json()) as { jsonrpc: string; error: { code: number }; id: null };
      assert.equal(json.jsonrpc, '2.0');
      assert.equal(json.error.code, code, body);
    }
  });

  test('unknown method -> -32601, bad params -> -32602, unknown tool -> error result or -32602', async () => {
    const init = rpc('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } });
    assert.equal((await post(init)).status, 200);
    const headers = { ...AUTH, 'MCP-Protocol-Version': '2025-11-25' };
    const unknown = await rpcResult(await post(rpc('no/such/method'), headers));
    assert.equal(unknown.error?.code, -32601);
    const badParams = await rpcResult(await post(rpc('tools/call', { name: 'echo', arguments: { text: 42 } }), headers));
    assert.ok(badParams.error?.code === -32602 || badParams.result?.isError === true, JSON.stringify(badParams));
    const notATool = await rpcResult(await post(rpc('tools/call', { name: 'nope', arguments: {} }), headers));
    assert.ok(notATool.error?.code === -32602 || notATool.result?.isError === true, JSON.stringify(notATool));
  });

  test('every request has a request id: echoed from X-Request-Id or generated, and logged', async () => {
    const res = await post(rpc('ping'), { ...AUTH, 'X-Request-Id': 'trace-abc.123' });
    await res.text();
    assert.equal(res.headers.get('x-request-id'), 'trace-abc.123');
    const generated = await post(rpc('ping'), { ...AUTH, 'X-Request-Id': 'bad id with spaces' });
    await generated.text();
    assert.match(generated.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setImmediate(resolve));
    const line = logs.lines().find((entry) => entry.requestId === 'trace-abc.123');
    assert.ok(line, 'the request line carries the id');
    assert.equal(line.severity, 'INFO');
    assert.equal(line.rpcMethod, 'ping');
    assert.equal((line.httpRequest as { status: number }).status, 200);
  });

  test('MCP_METRICS=true: /metrics needs the token and counts requests and tool calls', async () => {
    assert.equal((await fetch(`${server.url}/metrics`)).status, 401);
    const client = await connectTestClient({ url: server.url, transport: 'streamable-http', token: TOKEN });
    await client.callTool('echo', { text: 'count me' });
    await client.callTool('explode');
    await client.close();
    const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    assert.match(text, /mcp_tool_calls_total\{tool="echo",outcome="ok"\} [1-9]/);
    assert.match(text, /mcp_tool_calls_total\{tool="explode",outcome="threw"\} 1/);
    assert.match(text, /mcp_http_requests_total\{route="mcp",status="200"\} [1-9]/);
    assert.match(text, /mcp_http_request_duration_seconds_bucket\{route="mcp",le="\+Inf"\} [1-9]/);
    assert.equal(text.includes(TOKEN), false);
  });

  test('the token never reaches the log, even when sent in a header the server logs around', async () => {
    await (await post(rpc('ping'), { ...AUTH, 'X-Request-Id': TOKEN.slice(0, 10) })).text();
    await (await post(rpc('ping'), { ...JSON_HEADERS, Authorization: `Bearer wrong-${TOKEN}` })).text();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(logs.raw().includes(TOKEN), false);
  });
});

describe('metrics off by default', () => {
  test('/metrics is 404 unless MCP_METRICS=true', async () => {
    const server = await startServer({ name: 'm', version: '1', tools: testTools }, baseEnv());
    try {
      assert.equal((await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status, 404);
    } finally {
      await server.close();
    }
  });
});

async function rpcResult(res: Response): Promise<{ result?: any; error?: { code: number } }> {
  const text = await res.text();
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const data = text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
    return JSON.parse(data[data.length - 1]!);
  }
  return JSON.parse(text);
}
