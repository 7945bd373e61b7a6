import { defineTool, textResult } from '@app/mcp-core';
import { z } from 'zod';

/** Round-trip check for clients and deploy smoke tests. */
export const echoTool = defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Returns the given text unchanged. Useful to check that the server is reachable.',
  inputSchema: {
    text: z.string().min(1).max(10_000).describe('Text to send back'),
  },
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  handler: ({ text }) => textResult(text),
});
