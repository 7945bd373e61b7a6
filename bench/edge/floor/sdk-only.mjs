// Second floor of the Edge cold-start row (bench/edge/edge.mjs): the official MCP SDK (McpServer) and zod imported, as
// the Edge bundle imports them, then the same bare Deno.serve as deno-serve.mjs.
// bench/run bundles it with the module template's own `build:edge` flags.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

// Kept reachable, so the bundler cannot drop the imports.
globalThis.mcpSdkFloor = { McpServer, z };

Deno.serve({ port: Number(Deno.env.get('PORT')), hostname: '127.0.0.1', onListen() {} }, () => Response.json({ tools: [] }));
