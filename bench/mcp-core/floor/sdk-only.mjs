// Second floor of the TypeScript cold-start row: the official MCP SDK (McpServer) and zod imported, as every
// module's bundle imports them, then the same bare node:http server. bench/run bundles it with the module
// template's own `bundle` script, so the difference to node-http.mjs is what importing the SDK alone costs.
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

// Kept reachable, so the bundler cannot drop the imports.
globalThis.mcpSdkFloor = { McpServer, z };

createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end('{"status":"ok"}');
}).listen(Number(process.env.PORT), process.env.HOST);
