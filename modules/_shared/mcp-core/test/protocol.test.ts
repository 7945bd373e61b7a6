import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { definePrompt, defineResource, startServer, textResult, type RunningServer } from '../src/index.js';
import { connectTestClient } from '../src/testing.js';
import { Client } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { baseEnv, JSON_HEADERS, rpc, TOKEN, testTools } from './helpers.js';

const resources = [
  defineResource({
    uri: 'docs://core/readme',
    name: 'readme',
    description: 'A fixed text resource',
    mimeType: 'text/plain',
    read: (uri) => [{ uri: uri.href, mimeType: 'text/plain', text: 'hello resource' }],
  }),
  defineResource({
    uri: 'invoices://{id}',
    name: 'invoice',
    description: 'A templated resource',
    mimeType: 'application/json',
    complete: { id: (value) => ['100', '101', '200'].filter((id) => id.startsWith(value)) },
    read: (uri, { id }) => [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ id }) }],
  }),
];
const prompts = [
  definePrompt({
    name: 'greet',
    description: 'Greets someone',
    arguments: { who: z.string() },
    complete: { who: (value) => ['alice', 'albert', 'bob'].filter((name) => name.startsWith(value)) },
    handler: ({ who }) => [{ role: 'user', content: { type: 'text', text: `Say hello to ${who}` } }],
  }),
];

describe('protocol revisions', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ name: 'rev-test', version: '2.0.0', tools: testTools, resources, prompts }, baseEnv({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  });
  after(() => server.close());

  for (const [transport, protocol, expected] of [
    ['streamable-http', '2026-07-28', '2026-07-28'],
    ['streamable-http', '2025-11-25', '2025-11-25'],
    ['sse', '2025-11-25', undefined],
  ] as const) {
    test(`${transport} client speaking ${protocol}: discover/initialize, list and call`, async () => {
      const client = await connectTestClient({ url: server.url, transport, protocol, token: TOKEN });
      try {
        assert.deepEqual(client.serverInfo, { name: 'rev-test', version: '2.0.0' });
        assert.equal(client.protocolVersion, expected);
        assert.deepEqual((await client.listTools()).map((tool) => tool.name), ['echo', 'explode', 'refuse', 'sleep']);
        assert.deepEqual((await client.callTool('echo', { text: protocol })).content, [{ type: 'text', text: protocol }]);
        assert.equal((await client.callTool('explode')).isError, true);
      } finally {
        await client.close();
      }
    });
  }

  test('a 2025-06-18 client (initialize with that revision, then the version header) is served', async () => {
    const headers = { ...JSON_HEADERS, Authorization: `Bearer ${TOKEN}` };
    const init = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers,
      body: rpc('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'old', version: '1' } }),
    });
    assert.equal(init.status, 200);
    const initBody = await readRpc(init);
    assert.equal(initBody.result.protocolVersion, '2025-06-18');
    const list = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...headers, 'MCP-Protocol-Version': '2025-06-18' },
      body: rpc('tools/list', {}, 2),
    });
    assert.equal(list.status, 200);
    assert.equal((await readRpc(list)).result.tools.length, 4);
  });

  test('resources, templates, prompts and completions over 2026-07-28', async () => {
    const client = new Client({ name: 't', version: '0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
    try {
      assert.deepEqual((await client.listResources()).resources.map((r) => r.uri), ['docs://core/readme']);
      assert.deepEqual((await client.listResourceTemplates()).resourceTemplates.map((r) => r.uriTemplate), ['invoices://{id}']);
      const read = await client.readResource({ uri: 'invoices://101' });
      assert.deepEqual(read.contents, [{ uri: 'invoices://101', mimeType: 'application/json', text: '{"id":"101"}' }]);
      const prompt = await client.getPrompt({ name: 'greet', arguments: { who: 'ada' } });
      assert.deepEqual(prompt.messages, [{ role: 'user', content: { type: 'text', text: 'Say hello to ada' } }]);
      const names = await client.complete({ ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'who', value: 'al' } });
      assert.deepEqual(names.completion.values, ['alice', 'albert']);
      const ids = await client.complete({ ref: { type: 'ref/resource', uri: 'invoices://{id}' }, argument: { name: 'id', value: '10' } });
      assert.deepEqual(ids.completion.values, ['100', '101']);
    } finally {
      await client.close();
    }
  });
});

/** The JSON-RPC response of a POST, whether the SDK answered as JSON or as one SSE event. */
async function readRpc(res: Response): Promise<{ result: any; error?: { code: number } }> {
  const text = await res.text();
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const data = text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
    return JSON.parse(data[data.length - 1]!);
  }
  return JSON.parse(text);
}
void textResult;
