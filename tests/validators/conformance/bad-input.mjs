// Sends malformed requests (truncated JSON, wrong types, huge bodies, unknown methods, missing or
// wrong headers) to one server, then proves a real client still works.
// Usage: node bad-input.mjs <baseUrl> <token>
// Prints one JSON line per case { name, status, code?, ok } and a final { summary }. Exit 1 if any case failed.
import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const [baseUrl, token] = process.argv.slice(2);
const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
const auth = { Authorization: `Bearer ${token}` };
const json = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
const good = { ...auth, ...json };
const rpc = (method, params = {}, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
const legacyHeaders = { ...good, 'MCP-Protocol-Version': '2025-11-25' };

/** Raw HTTP so that any header (or its absence) and any byte sequence can be sent. */
function send({ method = 'POST', path = 'mcp', headers = good, body }) {
  return new Promise((resolve) => {
    const req = request(new URL(path, base), { method, headers: { ...(body === undefined ? {} : { 'Content-Length': Buffer.byteLength(body) }), ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text, contentType: res.headers['content-type'] ?? '' }));
      res.on('error', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', (error) => resolve({ status: 0, text: String(error) }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function rpcCode(response) {
  try {
    const data = response.contentType.includes('text/event-stream')
      ? response.text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).pop()
      : response.text;
    const parsed = JSON.parse(data);
    return parsed.error?.code ?? (parsed.result?.isError ? 'isError' : undefined);
  } catch {
    return undefined;
  }
}

const huge = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x'.repeat(2 * 1024 * 1024) } } });
const deep = '['.repeat(5000) + ']'.repeat(5000);
// [name, request, expected statuses, expected JSON-RPC codes (undefined = any)]
const cases = [
  ['truncated object', { body: '{"jsonrpc":"2.0","id":1,"method":"tools/li' }, [400], [-32700]],
  ['truncated array', { body: '[{"jsonrpc":"2.0","id":1,' }, [400], [-32700]],
  ['empty body', { body: '' }, [400], [-32700]],
  ['whitespace body', { body: '   \n ' }, [400], [-32700]],
  ['plain text as json', { body: 'hello' }, [400], [-32700]],
  ['trailing garbage', { body: rpc('ping') + '}}' }, [400], [-32700]],
  ['single quotes', { body: "{'jsonrpc':'2.0','id':1,'method':'ping'}" }, [400], [-32700]],
  ['NaN literal', { body: '{"jsonrpc":"2.0","id":NaN,"method":"ping"}' }, [400], [-32700]],
  ['invalid utf-8', { body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('latin1') }, [400], [-32700]],
  ['deeply nested arrays', { body: deep }, [400], [-32600]],
  ['number body', { body: '42' }, [400], [-32600]],
  ['string body', { body: '"ping"' }, [400], [-32600]],
  ['null body', { body: 'null' }, [400], [-32600]],
  ['true body', { body: 'true' }, [400], [-32600]],
  ['empty batch', { body: '[]' }, [400], [-32600]],
  ['batch of numbers', { body: '[1,2,3]' }, [400], [-32600]],
  ['missing jsonrpc', { body: '{"id":1,"method":"ping"}' }, [400], [-32600]],
  ['jsonrpc 1.0', { body: '{"jsonrpc":"1.0","id":1,"method":"ping"}' }, [400], [-32600]],
  ['jsonrpc as number', { body: '{"jsonrpc":2,"id":1,"method":"ping"}' }, [400], [-32600]],
  ['method as number', { body: '{"jsonrpc":"2.0","id":1,"method":7}' }, [400], [-32600]],
  ['method missing', { body: '{"jsonrpc":"2.0","id":1}' }, [400], [-32600]],
  ['id as object', { body: '{"jsonrpc":"2.0","id":{},"method":"ping"}' }, [400], [-32600]],
  ['params as string', { body: '{"jsonrpc":"2.0","id":1,"method":"ping","params":"x"}', headers: legacyHeaders }, [400], [-32600, -32602]],
  ['params as array', { body: '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":[1]}', headers: legacyHeaders }, [400, 200], [-32600, -32602]],
  ['unknown method', { body: rpc('no/such/method'), headers: legacyHeaders }, [200, 400, 404], [-32601]],
  ['unknown method with slash prefix', { body: rpc('/tools/list'), headers: legacyHeaders }, [200, 400, 404], [-32601]],
  ['rpc.discover', { body: rpc('rpc.discover'), headers: legacyHeaders }, [200, 400, 404], [-32601]],
  ['tools/call without name', { body: rpc('tools/call', {}), headers: legacyHeaders }, [200, 400], [-32602]],
  ['tools/call name as number', { body: rpc('tools/call', { name: 5 }), headers: legacyHeaders }, [200, 400], [-32602]],
  ['tools/call unknown tool', { body: rpc('tools/call', { name: 'nope', arguments: {} }), headers: legacyHeaders }, [200, 400], [-32602, 'isError']],
  ['tools/call wrong argument type', { body: rpc('tools/call', { name: 'echo', arguments: { text: 42 } }), headers: legacyHeaders }, [200, 400], [-32602, 'isError']],
  ['tools/call arguments as string', { body: rpc('tools/call', { name: 'echo', arguments: 'text' }), headers: legacyHeaders }, [200, 400], [-32602, 'isError']],
  ['tools/call missing argument', { body: rpc('tools/call', { name: 'echo', arguments: {} }), headers: legacyHeaders }, [200, 400], [-32602, 'isError']],
  ['initialize without params', { body: '{"jsonrpc":"2.0","id":1,"method":"initialize"}' }, [200, 400], [-32602, -32600]],
  ['initialize with bogus version', { body: rpc('initialize', { protocolVersion: 'banana', capabilities: {}, clientInfo: { name: 'x', version: '1' } }) }, [200, 400], undefined],
  ['modern version header without envelope', { body: rpc('tools/list'), headers: { ...good, 'MCP-Protocol-Version': '2026-07-28' } }, [400], [-32602, -32600]],
  ['unsupported version header', { body: rpc('tools/list'), headers: { ...good, 'MCP-Protocol-Version': '1999-01-01' } }, [400], undefined],
  ['response posted by client', { body: '{"jsonrpc":"2.0","id":9,"result":{}}' }, [202, 200, 400], undefined],
  ['huge body (2 MiB)', { body: huge }, [413], [-32000]],
  ['huge declared length', { body: 'x', headers: { ...good, 'Content-Length': String(64 * 1024 * 1024) } }, [413], [-32000]],
  ['missing content type', { body: rpc('ping'), headers: { ...auth, Accept: json.Accept } }, [415], undefined],
  ['text/plain content type', { body: rpc('ping'), headers: { ...auth, Accept: json.Accept, 'Content-Type': 'text/plain' } }, [415], undefined],
  ['form content type', { body: 'a=1', headers: { ...auth, Accept: json.Accept, 'Content-Type': 'application/x-www-form-urlencoded' } }, [415], undefined],
  ['missing accept', { body: rpc('ping'), headers: { ...auth, 'Content-Type': 'application/json' } }, [406], undefined],
  ['accept only html', { body: rpc('ping'), headers: { ...auth, 'Content-Type': 'application/json', Accept: 'text/html' } }, [406], undefined],
  ['missing authorization', { body: rpc('ping'), headers: json }, [401], [-32000]],
  ['wrong token', { body: rpc('ping'), headers: { ...json, Authorization: 'Bearer nope' } }, [401], [-32000]],
  ['basic auth', { body: rpc('ping'), headers: { ...json, Authorization: `Basic ${token}` } }, [401], [-32000]],
  ['empty bearer', { body: rpc('ping'), headers: { ...json, Authorization: 'Bearer ' } }, [401], [-32000]],
  ['foreign origin', { body: rpc('ping'), headers: { ...good, Origin: 'https://evil.example' } }, [403], [-32000]],
  ['null origin', { body: rpc('ping'), headers: { ...good, Origin: 'null' } }, [403], [-32000]],
  ['PUT /mcp', { method: 'PUT', body: rpc('ping') }, [405], undefined],
  ['PATCH /mcp', { method: 'PATCH', body: rpc('ping') }, [405], undefined],
  ['GET /mcp', { method: 'GET', headers: { ...auth, Accept: 'text/event-stream' } }, [405], undefined],
  ['DELETE /mcp', { method: 'DELETE', headers: auth }, [405], undefined],
  ['POST /sse', { path: 'sse', body: rpc('ping') }, [405], undefined],
  ['messages without session', { path: 'messages', body: rpc('ping') }, [404], undefined],
  ['messages with unknown session', { path: 'messages?sessionId=00000000-0000-0000-0000-000000000000', body: rpc('ping') }, [404], undefined],
  ['unknown path', { path: 'nothing-here', body: rpc('ping') }, [404], undefined],
  ['path traversal', { path: '../../etc/passwd', method: 'GET', headers: auth }, [404], undefined],
];

let failed = 0;
for (const [name, req, statuses, codes] of cases) {
  const res = await send(req);
  const code = rpcCode(res);
  const ok = statuses.includes(res.status) && (codes === undefined || codes.includes(code));
  if (!ok) failed += 1;
  console.log(JSON.stringify({ name, status: res.status, code, ok, ...(ok ? {} : { body: res.text.slice(0, 300) }) }));
}

const health = await send({ method: 'GET', path: 'health', headers: {} });
const client = new Client({ name: 'after-bad-input', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
let goodCall;
try {
  await client.connect(new StreamableHTTPClientTransport(new URL('mcp', base), { requestInit: { headers: auth } }));
  goodCall = await client.callTool({ name: 'echo', arguments: { text: 'still serving' } });
} catch (error) {
  goodCall = { error: String(error) };
} finally {
  await client.close().catch(() => undefined);
}
const goodOk = health.status === 200 && JSON.stringify(goodCall).includes('still serving') && goodCall.isError !== true;
console.log(JSON.stringify({ summary: { cases: cases.length, failed, healthAfter: health.status, goodCallAfter: goodOk } }));
process.exitCode = failed === 0 && goodOk ? 0 : 1;
