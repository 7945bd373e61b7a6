#!/usr/bin/env node
// Post-deploy smoke test for one MCP server of this workspace. No dependencies: Node.js >= 20.
//
//   MCP_AUTH_TOKEN=... node scripts/smoke-test.mjs https://billing-abc-ew.a.run.app
//
// Checks, in order, and stops at the first failure:
//   1. GET  <url>/health answers 200 (retried until SMOKE_TEST_TIMEOUT_SECONDS, default 60,
//      because a fresh revision or deployment may still be starting);
//   2. POST <url>/mcp without a token is refused with 401 (auth is enforced);
//   3. POST <url>/mcp initialize with the token answers a JSON-RPC result with serverInfo;
//   4. POST <url>/mcp tools/list with the token lists at least one tool.
// The token is read from the environment only: never pass it as an argument (it would
// show up in process lists and CI logs). Exit codes: 0 passed, 1 a check failed, 2 usage.
//
// Set SMOKE_TEST_EXPECT_SERVER to also require serverInfo.name (e.g. billing-mcp).

const PROTOCOL_VERSION = '2025-11-25';
const REQUEST_TIMEOUT_MS = 10_000;

function usage(message) {
  console.error(`smoke-test: ${message}`);
  console.error('usage: MCP_AUTH_TOKEN=<token> node scripts/smoke-test.mjs <base-url>');
  process.exit(2);
}

class CheckFailed extends Error {}

function fail(message) {
  throw new CheckFailed(message);
}

function parseArguments() {
  const [raw, ...rest] = process.argv.slice(2);
  if (!raw || rest.length > 0) usage('expected exactly one argument, the base URL of the server');
  let url;
  try {
    url = new URL(raw);
  } catch {
    usage(`not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') usage(`not an http(s) URL: ${raw}`);
  if (url.username || url.password) usage('the URL must not carry credentials; use MCP_AUTH_TOKEN');
  const token = process.env.MCP_AUTH_TOKEN ?? '';
  if (token.trim() === '') usage('MCP_AUTH_TOKEN is not set (the bearer token of the deployed server)');
  const timeoutSeconds = Number(process.env.SMOKE_TEST_TIMEOUT_SECONDS ?? '60');
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) usage('SMOKE_TEST_TIMEOUT_SECONDS must be a positive number');
  // Keep a base path (https://host/prefix) and join the endpoints below it.
  const base = url.href.endsWith('/') ? url.href : `${url.href}/`;
  return { base, token, timeoutMs: timeoutSeconds * 1000, expectServer: process.env.SMOKE_TEST_EXPECT_SERVER ?? '' };
}

function describeError(error) {
  const cause = error?.cause;
  const code = cause?.code ?? cause?.errno ?? error?.code;
  return code ? `${code}${cause?.message ? ` (${cause.message})` : ''}` : (error?.message ?? String(error));
}

async function request(url, init = {}) {
  const started = Date.now();
  const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ms: Date.now() - started };
}

function ok(message) {
  console.log(`ok    ${message}`);
}

async function checkHealth(base, timeoutMs) {
  const url = new URL('health', base);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await request(url);
      if (response.status === 200) {
        ok(`GET ${url.pathname} -> 200 (${response.ms} ms, attempt ${attempt})`);
        return;
      }
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = describeError(error);
    }
    if (Date.now() >= deadline) {
      fail(`GET ${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${last}); is the server up and is the URL right?`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 250 * attempt)));
  }
}

/** A Streamable HTTP POST answers either application/json or an SSE stream of messages. */
function readJsonRpc(response, id) {
  const type = response.headers.get('content-type') ?? '';
  const messages = [];
  if (type.includes('text/event-stream')) {
    for (const event of response.text.split(/\r?\n\r?\n/)) {
      const data = event.split(/\r?\n/).filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
      if (data) messages.push(JSON.parse(data));
    }
  } else if (type.includes('application/json')) {
    const parsed = JSON.parse(response.text);
    messages.push(...(Array.isArray(parsed) ? parsed : [parsed]));
  } else {
    fail(`unexpected Content-Type "${type}" from the MCP endpoint`);
  }
  const message = messages.find((m) => m && m.id === id);
  if (!message) fail(`no JSON-RPC response with id ${id} in the reply`);
  if (message.error) fail(`JSON-RPC error ${message.error.code}: ${message.error.message}`);
  return message.result;
}

async function mcpPost(base, token, body, extraHeaders = {}) {
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    ...extraHeaders,
  };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  try {
    return await request(new URL('mcp', base), { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (error) {
    fail(`POST ${new URL('mcp', base)} failed: ${describeError(error)}`);
  }
}

async function main() {
  const { base, token, timeoutMs, expectServer } = parseArguments();
  console.log(`smoke test of ${base}`);

  await checkHealth(base, timeoutMs);

  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'post-deploy-smoke-test', version: '1.0.0' } },
  };

  const anonymous = await mcpPost(base, undefined, initialize);
  if (anonymous.status !== 401) {
    fail(`POST /mcp without a token answered ${anonymous.status}, expected 401: the server does not enforce MCP_AUTH_TOKEN`);
  }
  ok('POST /mcp without a token -> 401');

  const init = await mcpPost(base, token, initialize);
  if (init.status === 401 || init.status === 403) {
    fail(`POST /mcp initialize with the token was refused (${init.status}): the token does not match the server's MCP_AUTH_TOKEN (check the secret version the service runs with)`);
  }
  if (init.status !== 200) fail(`POST /mcp initialize answered ${init.status}, expected 200: ${init.text.slice(0, 200)}`);
  const result = readJsonRpc(init, 1);
  const serverName = result?.serverInfo?.name;
  if (!serverName) fail('initialize returned no serverInfo.name');
  if (expectServer && serverName !== expectServer) fail(`serverInfo.name is "${serverName}", expected "${expectServer}"`);
  ok(`initialize -> ${serverName} ${result.serverInfo.version ?? ''} (protocol ${result.protocolVersion}, ${init.ms} ms)`);

  const session = init.headers.get('mcp-session-id');
  const headers = { 'Mcp-Protocol-Version': result.protocolVersion ?? PROTOCOL_VERSION, ...(session ? { 'Mcp-Session-Id': session } : {}) };
  const initialized = await mcpPost(base, token, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
  if (initialized.status >= 300) fail(`notifications/initialized answered ${initialized.status}`);

  const list = await mcpPost(base, token, { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }, headers);
  if (list.status !== 200) fail(`POST /mcp tools/list answered ${list.status}, expected 200`);
  const tools = readJsonRpc(list, 2)?.tools;
  if (!Array.isArray(tools) || tools.length === 0) fail('tools/list returned no tools');
  ok(`tools/list -> ${tools.length} tools: ${tools.map((t) => t.name).join(', ')} (${list.ms} ms)`);

  console.log('smoke test passed');
}

try {
  await main();
} catch (error) {
  const message = error instanceof CheckFailed ? error.message : `unexpected error: ${error?.stack ?? error}`;
  console.error(`FAIL  ${message}`);
  console.error('smoke test FAILED');
  process.exit(1);
}
