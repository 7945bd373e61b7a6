import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FetchHandler } from '@app/mcp-core';
import { createEdgeHandler } from '@app/mcp-core/edge';
import { serverOptions } from '../src/server.js';

const ANON_KEY = 'anon-key-not-a-secret';
const BASE = 'http://function.test/mcp-module-name';

// The Edge target serves the same tools through the web-standard handler the Deno entry uses: this
// runs it on Node with the environment the hosted Edge Runtime injects.
describe('mcp-module-name Edge function', () => {
  let handler: FetchHandler;

  before(async () => {
    ({ handler } = await createEdgeHandler(serverOptions, { functionName: 'mcp-module-name' }, { SUPABASE_ANON_KEY: ANON_KEY, LOG_LEVEL: 'silent' }));
  });

  after(async () => {
    await handler.close();
  });

  const rpc = (method: string, params: Record<string, unknown>, token: string | undefined) =>
    handler.fetch(
      new Request(`${BASE}/mcp`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          'Mcp-Protocol-Version': '2025-11-25',
          ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      }),
    );

  test('tools/list with the anon key lists every registered tool', async () => {
    const response = await rpc('tools/list', {}, ANON_KEY);
    assert.equal(response.status, 200);
    const text = await response.text();
    for (const tool of serverOptions.tools) assert.match(text, new RegExp(`"name":"${tool.name}"`));
  });

  test('without the key the answer is 401', async () => {
    const response = await rpc('tools/list', {}, undefined);
    assert.equal(response.status, 401);
  });

  test('/sse announces the public POST path first, then event: open', async () => {
    const response = await handler.fetch(new Request(`${BASE}/sse`, { headers: { Authorization: `Bearer ${ANON_KEY}` } }));
    assert.equal(response.status, 200);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('event: open')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    assert.match(text, /^event: endpoint\ndata: \/functions\/v1\/mcp-module-name\/messages\?sessionId=[0-9a-f-]+\n\nevent: open\n/);
  });
});
