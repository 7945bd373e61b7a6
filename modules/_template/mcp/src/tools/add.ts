import { defineTool, errorResult, jsonResult } from '@app/mcp-core';
import { z } from 'zod';

/**
 * Example of a typed tool with several arguments and a structured result. The input schema
 * rejects what is not a finite number (the client gets a tool error naming the field); the
 * handler rejects a result JSON cannot carry (1e308 + 1e308 is Infinity, which would be sent
 * as null) instead of answering a success with a wrong value.
 */
export const addTool = defineTool({
  name: 'add',
  title: 'Add numbers',
  description: 'Adds two finite numbers and returns the sum.',
  inputSchema: {
    a: z.number().finite().describe('First addend'),
    b: z.number().finite().describe('Second addend'),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  handler: ({ a, b }) => {
    const sum = a + b;
    if (!Number.isFinite(sum)) return errorResult(`The sum of ${a} and ${b} is too large: it is not a finite number.`);
    return jsonResult({ sum });
  },
});
