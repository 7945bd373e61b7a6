import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, createFetchHandler, loadConfig, type FetchHandler } from '../src/index.js';
import { createEdgeHandler, edgeAcceptedTokens, edgeMessagesPath } from '../src/edge.js';
import { createJsonLogger } from '../src/json-logger.js';
import { testTools, TOKEN } from './helpers.js';

const ANON = 'anon-key-for-tests';
const PUBLISHABLE = 'sb_publishable_for_tests';
const FUNCTION = 'http://function.test/billing';
const silent = createJsonLogger({ name: 'core-test', version: '1.2.3', level: 'silent' });
const options = { name: 'core-test', version: '1.2.3', tools: testTools };

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  new Request(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'Mcp-Protocol-Version': '2025-11-25',
      Authorization: `Bearer ${ANON}`,
      ...headers,
    },
    body,
  });
const toolsList = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });

describe('Edge keys', () => {
  test('the anon key, every publishable key and MCP_AUTH_TOKEN are accepted', () => {
    const tokens = edgeAcceptedTokens({
      SUPABASE_ANON_KEY: ANON,
      SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: PUBLISHABLE, web: `${PUBLISHABLE}_web` }),
      MCP_AUTH_TOKEN: TOKEN,
    });
    assert.deepEqual(tokens?.sort(), [ANON, PUBLISHABLE, `${PUBLISHABLE}_web`, TOKEN].sort());
  });

  test('SUPABASE_PUBLISHABLE_KEYS that is not a JSON object is a configuration error naming it', () => {
    for (const value of ['sb_publishable_x', '["a"]', '{']) {
      assert.throws(() => edgeAcceptedTokens({ SUPABASE_PUBLISHABLE_KEYS: value }), (error: unknown) =>
        error instanceof ConfigError && /SUPABASE_PUBLISHABLE_KEYS must be a JSON object/.test(error.message));
    }
  });

  test('no key refuses to start and names every way to give one; MCP_AUTH_DISABLED=true is the explicit opt-out', () => {
    assert.throws(() => edgeAcceptedTokens({}), (error: unknown) =>
      error instanceof ConfigError && /SUPABASE_ANON_KEY/.test(error.message) && /MCP_AUTH_TOKEN/.test(error.message) && /MCP_AUTH_DISABLED/.test(error.message));
    assert.equal(edgeAcceptedTokens({ MCP_AUTH_DISABLED: 'true' }), undefined);
  });

  test('a function name that is not a module name is refused', async () => {
    await assert.rejects(createEdgeHandler(options, { functionName: '../x' }, { SUPABASE_ANON_KEY: ANON }, silent), ConfigError);
  });

  test('the announced POST path is the public one under /functions/v1', () => {
    assert.equal(edgeMessagesPath('/billing'), '/functions/v1/billing/messages');
  });
});

describe('Edge handler', () => {
  let handler: FetchHandler;

  before(async () => {
    ({ handler } = await createEdgeHandler(
      options,
      { functionName: 'billing' },
      { SUPABASE_ANON_KEY: ANON, SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: PUBLISHABLE }), MCP_MAX_BODY_BYTES: '512' },
      silent,
    ));
  });

  after(() => handler.close());

  test('routes /<name>/mcp and, when the gateway left it, /functions/v1/<name>/mcp; the root /mcp is not the function', async () => {
    assert.equal((await handler.fetch(post(`${FUNCTION}/mcp`, toolsList))).status, 200);
    assert.equal((await handler.fetch(post('http://function.test/functions/v1/billing/mcp', toolsList))).status, 200);
    assert.equal((await handler.fetch(post('http://function.test/mcp', toolsList))).status, 404);
  });

  test('a publishable key works; a wrong key is 401 invalid_token without metadata; health needs no key', async () => {
    assert.equal((await handler.fetch(post(`${FUNCTION}/mcp`, toolsList, { Authorization: `Bearer ${PUBLISHABLE}` }))).status, 200);
    const wrong = await handler.fetch(post(`${FUNCTION}/mcp`, toolsList, { Authorization: `Bearer ${PUBLISHABLE}x` }));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('www-authenticate'), 'Bearer error="invalid_token", error_description="The bearer token is not valid for this server"');
    assert.equal((await handler.fetch(new Request(`${FUNCTION}/health`))).status, 200);
  });

  test('limits and malformed input get the same answers as on Node', async () => {
    const tooLarge = await handler.fetch(post(`${FUNCTION}/mcp`, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(600) } })));
    assert.equal(tooLarge.status, 413);
    assert.equal((await handler.fetch(post(`${FUNCTION}/mcp`, toolsList, { 'Content-Type': 'text/plain' }))).status, 415);
    const parse = await handler.fetch(post(`${FUNCTION}/mcp`, '{'));
    assert.equal(parse.status, 400);
    assert.equal(((await parse.json()) as { error: { code: number } }).error.code, -32700);
    const unknownSession = await handler.fetch(post(`${FUNCTION}/messages?sessionId=nope`, toolsList));
    assert.equal(unknownSession.status, 404);
    assert.match(((await unknownSession.json()) as { error: { message: string } }).error.message, /\/mcp/);
  });
});

describe('legacy SSE lifetime', () => {
  test('a stream ends itself at its maximum lifetime (the Edge keeps it under the wall clock)', async () => {
    const config = loadConfig({ MCP_AUTH_DISABLED: 'true', MCP_SSE_KEEPALIVE_MS: '50' });
    const handler = await createFetchHandler(options, { config, logger: silent, acceptedTokens: undefined, sseMaxLifetimeMs: 200 });
    try {
      const started = Date.now();
      const response = await handler.fetch(new Request('http://127.0.0.1/sse'));
      const text = await response.text();
      assert.match(text, /^event: endpoint\ndata: \/messages\?sessionId=[0-9a-f-]+\n\nevent: open\n/);
      assert.match(text, /: keepalive/);
      assert.ok(Date.now() - started < 2_000, 'ended by the lifetime, not by the test');
    } finally {
      await handler.close();
    }
  });
});
