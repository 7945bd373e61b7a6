// Baseline for bench/run: the SDK 2.x stateless example, nothing else (no auth, guards, limits,
// logs or metrics), serving the same `echo` tool as a generated module. Run from a generated
// workspace root so the SDK resolves from its node_modules. PORT from the environment.
import { createServer } from 'node:http';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { z } from 'zod';

const factory = () => {
  const server = new McpServer({ name: 'bare-sdk', version: '1.0.0' });
  server.registerTool('echo', { description: 'Returns the given text unchanged.', inputSchema: { text: z.string().min(1).max(10_000) } },
    async ({ text }) => ({ content: [{ type: 'text', text }] }));
  return server;
};
const handler = toNodeHandler(createMcpHandler(factory, { legacy: 'stateless' }));
createServer((req, res) => {
  if (req.url === '/health') return res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
  if (req.url === '/mcp') return void handler(req, res);
  res.writeHead(404).end();
}).listen(Number(process.env.PORT), '127.0.0.1');
