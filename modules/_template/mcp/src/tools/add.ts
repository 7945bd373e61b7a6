import { defineTool, jsonResult } from '@app/mcp-core';
import { z } from 'zod';

/** Example of a typed tool with several arguments and a structured result. */
export const addTool = defineTool({
  name: 'add',
  title: 'Add numbers',
  description: 'Adds two finite numbers and returns the sum.',
  inputSchema: {
    a: z.number().finite().describe('First addend'),
    b: z.number().finite().describe('Second addend'),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  handler: ({ a, b }) => jsonResult({ sum: a + b }),
});
