#!/usr/bin/env node
// Post-deploy smoke test for one Supabase Edge Function of this workspace, the way Agent Builder
// style clients use it (legacy HTTP+SSE, a URL that ends in /sse, the anon key as bearer token).
// No dependencies: Node.js >= 20.
//
//   SUPABASE_ANON_KEY=... node scripts/edge-smoke-test.mjs https://<ref>.supabase.co/functions/v1/<name>
//
// Checks, in order, and stops at the first failure:
//   1. GET  <url>/health answers 200 (retried until SMOKE_TEST_TIMEOUT_SECONDS, default 60: a new
//      version may still be rolling out);
//   2. GET  <url>/sse without a key is refused with 401;
//   3. GET  <url>/sse with the key: the FIRST event is `event: endpoint` whose data is the POST URL
//      under /functions/v1/<name>/messages, then `event: open`;
//   4. initialize, notifications/initialized and tools/list POSTed to that URL are answered on the
//      stream, and tools/list lists at least one tool.
// The key is read from the environment only (never an argument: process lists and CI logs).
// Exit codes: 0 passed, 1 a check failed, 2 usage.

const PROTOCOL_VERSION = '2024-11-05';
const REQUEST_TIMEOUT_MS = 15_000;

class CheckFailed extends Error {}
const fail = (message) => {
  throw new CheckFailed(message);
};
const ok = (message) => console.log(`ok    ${message}`);

function usage(message) {
  console.error(`edge-smoke-test: ${message}`);
  console.error('usage: SUPABASE_ANON_KEY=<key> node scripts/edge-smoke-test.mjs https://<ref>.supabase.co/functions/v1/<name>');
  process.exit(2);
}

function parseArguments() {
  const [raw, ...rest] = process.argv.slice(2);
  if (!raw || rest.length > 0) usage('expected exactly one argument, the function URL');
  let url;
  try {
    url = new URL(raw.replace(/\/+$/, ''));
  } catch {
    usage(`not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') usage(`not an http(s) URL: ${raw}`);
  if (url.username || url.password || url.search) usage('the URL must carry no credentials or query; the key comes from SUPABASE_ANON_KEY');
  const name = url.pathname.match(/\/functions\/v1\/([^/]+)$/)?.[1];
  if (!name) usage(`expected a function URL ending in /functions/v1/<name>, got ${url.pathname}`);
  const key = process.env.SUPABASE_ANON_KEY ?? '';
  if (key.trim() === '') usage('SUPABASE_ANON_KEY is not set (the project\'s anon or publishable key)');
  const timeoutSeconds = Number(process.env.SMOKE_TEST_TIMEOUT_SECONDS ?? '60');
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) usage('SMOKE_TEST_TIMEOUT_SECONDS must be a positive number');
  return { base: url.href, name, key, timeoutMs: timeoutSeconds * 1000 };
}

async function checkHealth(base, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await response.arrayBuffer();
      if (response.status === 200) return ok(`GET /health -> 200 (attempt ${attempt})`);
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error?.cause?.code ?? error?.message ?? String(error);
    }
    if (Date.now() >= deadline) fail(`GET ${base}/health did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 250 * attempt)));
  }
}

/** Reads SSE events ({ event, data }) from a fetch body, one at a time. */
function events(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const boundary = buffer.search(/\r?\n\r?\n/);
        if (boundary >= 0) {
          const raw = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
          const lines = raw.split(/\r?\n/);
          if (lines.every((line) => line.startsWith(':'))) continue; // keepalive comment
          const event = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'message';
          const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
          return { event, data };
        }
        const left = deadline - Date.now();
        if (left <= 0) fail('the /sse stream sent no complete event in time');
        const chunk = await Promise.race([reader.read(), new Promise((resolve) => setTimeout(() => resolve({ timeout: true }), left))]);
        if (chunk.timeout) continue;
        if (chunk.done) fail('the /sse stream ended');
        buffer += chunk.value;
      }
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}

async function main() {
  const { base, name, key, timeoutMs } = parseArguments();
  console.log(`smoke test of ${base}`);
  await checkHealth(base, timeoutMs);

  const anonymous = await fetch(`${base}/sse`, { headers: { Accept: 'text/event-stream' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  await anonymous.body?.cancel();
  if (anonymous.status !== 401) fail(`GET /sse without a key answered ${anonymous.status}, expected 401`);
  ok('GET /sse without a key -> 401');

  const auth = { Authorization: `Bearer ${key}` };
  const controller = new AbortController();
  const sse = await fetch(`${base}/sse`, { headers: { ...auth, Accept: 'text/event-stream' }, signal: controller.signal });
  if (sse.status !== 200) fail(`GET /sse with the key answered ${sse.status}, expected 200 (a 401 means the key is not the project's anon/publishable key)`);
  const stream = events(sse.body);
  try {
    const first = await stream.next(REQUEST_TIMEOUT_MS);
    if (first.event !== 'endpoint') fail(`the first /sse event is "${first.event}", expected "endpoint"`);
    const endpoint = new URL(first.data, base);
    if (!endpoint.pathname.startsWith(`/functions/v1/${name}/messages`)) fail(`the endpoint event names ${endpoint.pathname}, expected /functions/v1/${name}/messages?...`);
    ok(`first /sse event: endpoint ${endpoint.pathname}${endpoint.search.replace(/=.*/, '=...')}`);
    const second = await stream.next(REQUEST_TIMEOUT_MS);
    if (second.event !== 'open') fail(`the second /sse event is "${second.event}", expected "open"`);
    ok('second /sse event: open');

    const post = async (message) => {
      const response = await fetch(endpoint, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(message), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await response.arrayBuffer();
      if (response.status >= 300) fail(`POST ${endpoint.pathname} (${message.method}) answered ${response.status}`);
    };
    const answer = async (id) => {
      for (;;) {
        const event = await stream.next(REQUEST_TIMEOUT_MS);
        if (event.event !== 'message') continue;
        const message = JSON.parse(event.data);
        if (message.id !== id) continue;
        if (message.error) fail(`JSON-RPC error ${message.error.code}: ${message.error.message}`);
        return message.result;
      }
    };

    await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'edge-smoke-test', version: '1.0.0' } } });
    const init = await answer(1);
    if (!init?.serverInfo?.name) fail('initialize returned no serverInfo.name');
    ok(`initialize -> ${init.serverInfo.name} (protocol ${init.protocolVersion})`);
    await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await post({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
    const tools = (await answer(2))?.tools;
    if (!Array.isArray(tools) || tools.length === 0) fail('tools/list returned no tools');
    ok(`tools/list -> ${tools.length} tools: ${tools.map((t) => t.name).join(', ')}`);
  } finally {
    await stream.cancel();
    controller.abort();
  }
  console.log('smoke test passed');
}

try {
  await main();
} catch (error) {
  console.error(`FAIL  ${error instanceof CheckFailed ? error.message : `unexpected error: ${error?.stack ?? error}`}`);
  console.error('smoke test FAILED');
  process.exit(1);
}
