// C# rows of bench/run. Usage:
//   node bench-dotnet.mjs <csharpModuleDll> <microsoftServerDll|-> <tsModuleFolder>
// tools/call (echo) throughput on loopback with autocannon, same run, same load as bench.mjs:
//   - the generated C# module (mcp-core-dotnet; bearer auth on, its default JSON request log at info)
//   - Microsoft's `dotnet new mcpserver -t remote --self-contained false` server with the same echo tool
//     added (no auth; its logging at Warning, so it writes no per-request lines): the ratio is conservative
//   - the same C# module at LOG_LEVEL=warn (no request log line), reported against Microsoft's server
//   - the generated TypeScript module (mcp-core, node dist/server.mjs, auth on, its default log)
// "-" for the Microsoft server prints that row as skipped (reason in MCPSERVER_SKIPPED).
// Paired runs: all servers start together and stay up (idle ones cost nothing), each gets one warm-up
// run, then BENCH_ROUNDS rounds (default 8, the .NET servers' order alternating) give each server one
// BENCH_SECONDS load.
// A ratio is the median of the per-round ratios, so a slow spell of this shared 2-core VM (runs vary
// by +-20 %) falls on both sides of it; the req/s and latency columns are medians over the rounds.
import { spawn } from 'node:child_process';
import { basename, dirname } from 'node:path';
import autocannon from 'autocannon';

const [csharpDll, microsoftDll, tsModule] = process.argv.slice(2);
const duration = Number(process.env.BENCH_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
const pinned = process.env.BENCH_PIN === '1';
const token = 'bench-token-not-a-secret';
let nextPort = 19_900 + Math.floor(Math.random() * 500);

const servers = {
  csharp: (port) => ({ cmd: 'dotnet', args: [basename(csharpDll)], cwd: dirname(csharpDll), env: { PORT: String(port), MCP_AUTH_TOKEN: token, LOG_LEVEL: 'info' }, auth: true, path: '/mcp' }),
  // The same module without its per-request log line: what that line costs.
  csharpQuiet: (port) => ({ cmd: 'dotnet', args: [basename(csharpDll)], cwd: dirname(csharpDll), env: { PORT: String(port), MCP_AUTH_TOKEN: token, LOG_LEVEL: 'warn' }, auth: true, path: '/mcp' }),
  microsoft: (port) => ({
    cmd: 'dotnet', args: [basename(microsoftDll)], cwd: dirname(microsoftDll), auth: false,
    // The template's app.MapMcp() serves MCP at the root.
    path: '/',
    env: { ASPNETCORE_URLS: `http://127.0.0.1:${port}`, Logging__LogLevel__Default: 'Warning' },
  }),
  typescript: (port) => ({ cmd: process.execPath, args: ['dist/server.mjs'], cwd: tsModule, env: { PORT: String(port), MCP_AUTH_TOKEN: token, LOG_LEVEL: 'info' }, auth: true, path: '/mcp' }),
};

function start(kind) {
  const port = nextPort++;
  const spec = servers[kind](port);
  // BENCH_PIN=1 (bench/run pins this process, the load generator, to CPU 0): each server gets CPU 1 to
  // itself, so the ratio compares the servers' own cost per call, not how each shares the cores with
  // autocannon.
  const [cmd, args] = pinned ? ['taskset', ['-c', '1', spec.cmd, ...spec.args]] : [spec.cmd, spec.args];
  const child = spawn(cmd, args, {
    cwd: spec.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', ...spec.env },
    stdio: 'ignore',
  });
  return { child, port, auth: spec.auth, url: `http://127.0.0.1:${port}${spec.path}` };
}

// Any HTTP answer means listening (Microsoft's server has no /health).
async function waitListening(port, child) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`server on ${port} never answered`);
    try {
      await fetch(`http://127.0.0.1:${port}/health`);
      return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const stop = async (child) => { child.kill('SIGKILL'); await new Promise((r) => child.once('exit', r)); };

const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'bench' } } });
const headers = (auth) => ({ 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25', ...(auth ? { authorization: `Bearer ${token}` } : {}) });
async function load({ url, auth }, seconds) {
  const result = await autocannon({
    url, method: 'POST', connections, duration: seconds, body,
    headers: headers(auth),
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`load run had ${result.non2xx} non-2xx and ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

// One answered tools/call per server before timing: the echo tool exists and answers the same text.
async function check({ url, auth }) {
  const response = await fetch(url, {
    method: 'POST', body,
    headers: headers(auth),
  });
  const text = await response.text();
  if (!response.ok || !text.includes('"text":"bench"')) throw new Error(`tools/call echo failed (${response.status}): ${text.slice(0, 300)}`);
}

const kinds = ['csharp', 'csharpQuiet', 'typescript', ...(microsoftDll === '-' ? [] : ['microsoft'])];
const running = {};
for (const kind of kinds) {
  running[kind] = start(kind);
  await waitListening(running[kind].port, running[kind].child);
  await check(running[kind]);
  // Warm-up (JIT, tiered compilation, connection pools): shorter ones left the first rounds skewed.
  await load(running[kind], Math.max(duration, 10));
}
const runs = [];
for (let round = 0; round < rounds; round += 1) {
  const run = {};
  // The .NET servers alternate; the TypeScript module (a report row) always goes last, because the
  // server loaded just after it measured lower (node still settling); a pause precedes every load.
  const dotnet = kinds.filter((kind) => kind !== 'typescript');
  for (const kind of [...(round % 2 === 0 ? dotnet : dotnet.reverse()), 'typescript']) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    run[kind] = await load(running[kind], duration);
  }
  runs.push(run);
}
await Promise.all(Object.values(running).map((server) => stop(server.child)));

const median = (values) => { const sorted = [...values].sort((a, b) => a - b); const mid = sorted.length >> 1; return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2; };
const summary = (kind) => ({ rps: median(runs.map((r) => r[kind].rps)), p50: median(runs.map((r) => r[kind].p50)), p99: median(runs.map((r) => r[kind].p99)) });
const ratio = (kind, baseline) => median(runs.map((r) => r[kind].rps / r[baseline].rps));
if (kinds.includes('microsoft')) {
  console.error(`bench: per-round C# module / Microsoft mcpserver ratios: ${runs.map((r) => (r.csharp.rps / r.microsoft.rps).toFixed(2)).join(' ')}`);
}
const cs = summary('csharp');
const ts = summary('typescript');

if (microsoftDll === '-') {
  console.log(`| C# module (mcp-core-dotnet) \`tools/call\` throughput, ${connections} connections (target ratio >= 0.95) | ${cs.rps.toFixed(0)} req/s | Microsoft \`dotnet new mcpserver -t remote\`: skipped, ${process.env.MCPSERVER_SKIPPED ?? 'not available'} | - | - |`);
} else {
  const ms = summary('microsoft');
  console.log(`| C# module (mcp-core-dotnet) \`tools/call\` throughput, ${connections} connections (target ratio >= 0.95) | ${cs.rps.toFixed(0)} req/s | Microsoft \`dotnet new mcpserver -t remote --self-contained false\`, same echo tool | ${ms.rps.toFixed(0)} req/s | ${ratio('csharp', 'microsoft').toFixed(2)} |`);
  const quiet = summary('csharpQuiet');
  console.log(`| C# module with its request log off (\`LOG_LEVEL=warn\`), \`tools/call\` throughput (report) | ${quiet.rps.toFixed(0)} req/s | Microsoft \`mcpserver\` | ${ms.rps.toFixed(0)} req/s | ${ratio('csharpQuiet', 'microsoft').toFixed(2)} |`);
  console.log(`| C# module \`tools/call\` latency p50 / p99 | ${cs.p50} / ${cs.p99} ms | Microsoft \`mcpserver\` | ${ms.p50} / ${ms.p99} ms | ${(cs.p50 / Math.max(ms.p50, 1)).toFixed(2)} / ${(cs.p99 / Math.max(ms.p99, 1)).toFixed(2)} |`);
}
console.log(`| C# module \`tools/call\` throughput vs the TypeScript module (report) | ${cs.rps.toFixed(0)} req/s | TypeScript module (mcp-core), same tool | ${ts.rps.toFixed(0)} req/s | ${ratio('csharp', 'typescript').toFixed(2)} |`);
