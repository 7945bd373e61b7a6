// Official TypeScript SDK clients against a served MCP endpoint: 1.x (the legacy SSE client the HTTP+SSE
// teams use, and its Streamable HTTP client) and 2.x (Streamable HTTP and SSE). Each connects with the
// bearer token, lists the tools and calls echo; one JSON line per client on stdout.
// Usage: node edge-clients.mjs <public base URL, e.g. http://127.0.0.1:8000/functions/v1/name> <token or "">
import { Client as Client1 } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport as Sse1 } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport as Streamable1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client as Client2, SSEClientTransport as Sse2, StreamableHTTPClientTransport as Streamable2 } from '@modelcontextprotocol/client';

const [base, token] = process.argv.slice(2);
const requestInit = token ? { headers: { Authorization: `Bearer ${token}` } } : {};

const clients = [
  ['sdk-1.x sse', () => new Client1({ name: 'edge-test', version: '1.0.0' }), () => new Sse1(new URL(`${base}/sse`), { requestInit })],
  ['sdk-1.x streamable-http', () => new Client1({ name: 'edge-test', version: '1.0.0' }), () => new Streamable1(new URL(`${base}/mcp`), { requestInit })],
  ['sdk-2.x streamable-http', () => new Client2({ name: 'edge-test', version: '1.0.0' }), () => new Streamable2(new URL(`${base}/mcp`), { requestInit })],
  ['sdk-2.x sse', () => new Client2({ name: 'edge-test', version: '1.0.0' }), () => new Sse2(new URL(`${base}/sse`), { requestInit })],
];

for (const [name, makeClient, makeTransport] of clients) {
  const client = makeClient();
  try {
    await client.connect(makeTransport());
    const tools = (await client.listTools()).tools.map((tool) => tool.name).sort();
    const echo = await client.callTool({ name: 'echo', arguments: { text: `hello from ${name}` } });
    console.log(JSON.stringify({ client: name, ok: true, tools, echo: echo.content?.[0]?.text ?? null }));
  } catch (error) {
    console.log(JSON.stringify({ client: name, ok: false, error: String(error?.message ?? error).slice(0, 300) }));
  } finally {
    await client.close().catch(() => undefined);
  }
}
