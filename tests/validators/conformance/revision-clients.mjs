// Real MCP clients of every protocol revision mcp-core serves, one after another against one server.
// Usage: node revision-clients.mjs <baseUrl> <token> <tool> <json-arguments>
// Prints one JSON line per client: { client, transport, protocolVersion, server, tools, result } or { client, error }.
import { Client as ClientV2, StreamableHTTPClientTransport as HttpV2 } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as HttpV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport as SseV1 } from '@modelcontextprotocol/sdk/client/sse.js';
import { Client as ClientOld } from 'sdk-2025-06-18/client/index.js';
import { StreamableHTTPClientTransport as HttpOld } from 'sdk-2025-06-18/client/streamableHttp.js';
import { SSEClientTransport as SseOld } from 'sdk-2025-06-18/client/sse.js';

const [baseUrl, token, toolName, toolArguments] = process.argv.slice(2);
const headers = { Authorization: `Bearer ${token}` };
const requestInit = { headers };
// The SSE GET goes through eventSourceInit's fetch, which needs the header too.
const eventSourceInit = { fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...headers } }) };
const url = (path) => new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
const info = { name: 'mcpops-revision-client', version: '1.0.0' };

const clients = [
  ['sdk-2.4.0 pinned 2026-07-28', 'streamable-http',
    () => new ClientV2(info, { versionNegotiation: { mode: { pin: '2026-07-28' } } }), () => new HttpV2(url('mcp'), { requestInit })],
  ['sdk-2.4.0 auto negotiation', 'streamable-http',
    () => new ClientV2(info, { versionNegotiation: { mode: 'auto' } }), () => new HttpV2(url('mcp'), { requestInit })],
  ['sdk-1.32.2 (2025-11-25)', 'streamable-http', () => new ClientV1(info), () => new HttpV1(url('mcp'), { requestInit })],
  ['sdk-1.22.0 (2025-06-18)', 'streamable-http', () => new ClientOld(info), () => new HttpOld(url('mcp'), { requestInit })],
  ['sdk-1.32.2 legacy SSE', 'sse', () => new ClientV1(info), () => new SseV1(url('sse'), { requestInit, eventSourceInit })],
  ['sdk-1.22.0 legacy SSE', 'sse', () => new ClientOld(info), () => new SseOld(url('sse'), { requestInit, eventSourceInit })],
];

let failures = 0;
for (const [name, transportName, makeClient, makeTransport] of clients) {
  const client = makeClient();
  const transport = makeTransport();
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    const result = await client.callTool({ name: toolName, arguments: JSON.parse(toolArguments) });
    const protocolVersion = client.getNegotiatedProtocolVersion?.() ?? transport.protocolVersion ?? null;
    console.log(JSON.stringify({ client: name, transport: transportName, protocolVersion, server: client.getServerVersion()?.name, tools: tools.map((t) => t.name), result }));
  } catch (error) {
    failures += 1;
    console.log(JSON.stringify({ client: name, transport: transportName, error: String(error?.stack ?? error) }));
  } finally {
    await client.close().catch(() => undefined);
  }
}
process.exitCode = failures === 0 ? 0 : 1;
