// The fixture server of the official MCP conformance suite (@modelcontextprotocol/conformance,
// server scenarios), built only on the generated workspace's mcp-core public API.
// Usage (from the workspace root): node conformance-server.mjs <scope>   with PORT/HOST/... in env.
const scope = process.argv[2];
const { defineTool, defineResource, definePrompt, runServer, textResult, errorResult } = await import(`@${scope}/mcp-core`);
const { z } = await import('zod');

// 1x1 PNG and a tiny WAV, base64.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const WAV = 'UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const tools = [
  defineTool({ name: 'test_simple_text', description: 'Returns simple text', inputSchema: {}, handler: () => textResult('This is a simple text response for testing.') }),
  defineTool({ name: 'test_image_content', description: 'Returns an image', inputSchema: {}, handler: () => ({ content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] }) }),
  defineTool({ name: 'test_audio_content', description: 'Returns audio', inputSchema: {}, handler: () => ({ content: [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }] }) }),
  defineTool({
    name: 'test_embedded_resource', description: 'Returns an embedded resource', inputSchema: {},
    handler: () => ({ content: [{ type: 'resource', resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' } }] }),
  }),
  defineTool({
    name: 'test_multiple_content_types', description: 'Returns text, image and resource', inputSchema: {},
    handler: () => ({
      content: [
        { type: 'text', text: 'Multiple content types test:' },
        { type: 'image', data: PNG, mimeType: 'image/png' },
        { type: 'resource', resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: JSON.stringify({ test: 'data', value: 123 }) } },
      ],
    }),
  }),
  defineTool({
    name: 'test_tool_with_logging', description: 'Sends log notifications while running', inputSchema: {},
    handler: async (_args, ctx) => {
      await ctx.log('info', 'Tool execution started');
      await sleep(50);
      await ctx.log('info', 'Tool processing data');
      await sleep(50);
      await ctx.log('info', 'Tool execution completed');
      return textResult('Tool with logging executed successfully');
    },
  }),
  defineTool({
    name: 'test_tool_with_progress', description: 'Reports progress', inputSchema: {},
    handler: async (_args, ctx) => {
      await ctx.progress(0, 100);
      await sleep(50);
      await ctx.progress(50, 100);
      await sleep(50);
      await ctx.progress(100, 100);
      return textResult('Tool with progress executed successfully');
    },
  }),
  defineTool({
    name: 'test_error_handling', description: 'Always fails', inputSchema: {},
    handler: () => errorResult('This tool intentionally returns an error for testing'),
  }),
];

const resources = [
  defineResource({ uri: 'test://static-text', name: 'static-text', description: 'A static text resource', mimeType: 'text/plain',
    read: (uri) => [{ uri: uri.href, mimeType: 'text/plain', text: 'This is the content of the static text resource.' }] }),
  defineResource({ uri: 'test://static-binary', name: 'static-binary', description: 'A static binary resource', mimeType: 'image/png',
    read: (uri) => [{ uri: uri.href, mimeType: 'image/png', blob: PNG }] }),
  defineResource({ uri: 'test://template/{id}/data', name: 'template', description: 'A templated resource', mimeType: 'application/json',
    read: (uri, { id }) => [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }] }),
];

const prompts = [
  definePrompt({ name: 'test_simple_prompt', description: 'A simple prompt',
    handler: () => [{ role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } }] }),
  definePrompt({ name: 'test_prompt_with_arguments', description: 'A prompt with arguments',
    arguments: { arg1: z.string().describe('First test argument'), arg2: z.string().describe('Second test argument') },
    complete: { arg1: (value) => ['paris', 'park', 'party'].filter((v) => v.startsWith(value)) },
    handler: ({ arg1, arg2 }) => [{ role: 'user', content: { type: 'text', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` } }] }),
  definePrompt({ name: 'test_prompt_with_embedded_resource', description: 'A prompt with an embedded resource',
    arguments: { resourceUri: z.string().describe('URI of the resource to embed') },
    handler: ({ resourceUri }) => [
      { role: 'user', content: { type: 'resource', resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' } } },
      { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
    ] }),
  definePrompt({ name: 'test_prompt_with_image', description: 'A prompt with an image',
    handler: () => [
      { role: 'user', content: { type: 'image', data: PNG, mimeType: 'image/png' } },
      { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
    ] }),
];

await runServer({ name: 'mcp-core-conformance', version: '1.0.0', tools, resources, prompts });
