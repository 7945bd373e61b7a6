// Floor of the TypeScript cold-start row (bench/mcp-core/startup.mjs): a node:http server that answers every
// request, /health included, with 200 and nothing else loaded. Nothing a module can do starts faster.
import { createServer } from 'node:http';

createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end('{"status":"ok"}');
}).listen(Number(process.env.PORT), process.env.HOST);
