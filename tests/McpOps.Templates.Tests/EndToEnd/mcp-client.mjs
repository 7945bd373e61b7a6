// A real MCP client (the official TypeScript SDK's) used by the end-to-end tests.
// Usage: node mcp-client.mjs <baseUrl> <token> <http|sse> <tool> <json-arguments>
// Prints one JSON line: the server's name, the listed tools and the called tool's result.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";

const [baseUrl, token, transportName, toolName, toolArguments] = process.argv.slice(2);
const headers = { Authorization: `Bearer ${token}` };
const transport = transportName === "sse"
  ? new SSEClientTransport(new URL("/sse", baseUrl), {
      requestInit: { headers },
      // The SSE GET goes through eventSourceInit's fetch, which needs the header too.
      eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, ...headers } }) },
    })
  : new StreamableHTTPClientTransport(new URL("/mcp", baseUrl), { requestInit: { headers } });

const client = new Client({ name: "mcpops-e2e", version: "1.0.0" });
await client.connect(transport);
const { tools } = await client.listTools();
const result = await client.callTool({ name: toolName, arguments: JSON.parse(toolArguments) });
console.log(JSON.stringify({
  server: client.getServerVersion()?.name,
  protocolVersion: transport.protocolVersion ?? null,
  tools: tools.map((tool) => tool.name),
  result,
}));
await client.close();
