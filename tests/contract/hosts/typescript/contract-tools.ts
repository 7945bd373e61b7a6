// The contract tools every TypeScript host serves (Node and the Deno Edge entry): the module template's
// own example tools (compiled from modules/_template/mcp, not copied) plus the probe tools every
// runtime's contract host serves under the same names and arguments.
import { defineTool, textResult } from '@app/mcp-core';
import { z } from 'zod';
import { addTool } from '../../../../modules/_template/mcp/src/tools/add.js';
import { echoTool } from '../../../../modules/_template/mcp/src/tools/echo.js';

const slowTool = defineTool({
  name: 'slow',
  description: 'Waits the given number of milliseconds, ignoring cancellation.',
  inputSchema: { ms: z.number().int().min(0).describe('Milliseconds to wait') },
  timeoutMs: 60_000,
  // Ignores its signal on purpose: the drain case needs a call that only time ends.
  handler: async ({ ms }) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return textResult(`done after ${ms} ms`);
  },
});

const failTool = defineTool({
  name: 'fail',
  description: 'Always throws: an unexpected failure inside a tool.',
  inputSchema: {},
  handler: () => {
    throw new Error('kaboom');
  },
});

export const contractServer = { name: 'contract-host', version: '0.0.1', tools: [echoTool, addTool, slowTool, failTool] };
