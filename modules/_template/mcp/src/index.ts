import { runServer } from '@app/mcp-core';
import { serverOptions } from './server.js';

// Reads PORT, HOST, MCP_AUTH_TOKEN, ... from the environment; see mcp-core's README.
await runServer(serverOptions);
