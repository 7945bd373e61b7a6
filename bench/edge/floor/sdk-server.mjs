// Second floor of the Edge cold-start row (bench/edge/edge.mjs): the official SDK's own stateless server and
// nothing else (no auth, guards, limits, logs or metrics), one `echo` tool, on the same bare Deno.serve as
// deno-serve.mjs; it answers tools/list as the module does. bench/run bundles it with the module template's own
// `build:edge` flags, so the difference to the module is what mcp-core adds.
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const handler = createMcpHandler(
  () => {
    const server = new McpServer({ name: 'sdk-floor', version: '1.0.0' });
    server.registerTool(
      'echo',
      { description: 'Returns the given text unchanged.', inputSchema: { text: z.string().min(1).max(10_000) } },
      async ({ text }) => ({ content: [{ type: 'text', text }] }),
    );
    return server;
  },
  { legacy: 'stateless' },
);

Deno.serve({ port: Number(Deno.env.get('PORT')), hostname: '127.0.0.1', onListen() {} }, (request) => handler.fetch(request));
