import type { ServerOptions } from '@app/mcp-core';
import { addTool } from './tools/add.js';
import { echoTool } from './tools/echo.js';

/**
 * What this module serves. Kept apart from index.ts so tests can start the same server
 * in-process. Register each new tool (one file under tools/) in this list.
 */
export const serverOptions: ServerOptions = {
  name: 'mcp-module-name-mcp',
  // Keep in step with package.json (the test checks it).
  version: '0.1.0',
  // Used when PORT is unset; the platforms set PORT themselves.
  defaultPort: 8080,
  tools: [echoTool, addTool],
};
