// C# rows of bench/run. Usage:
//   node bench-dotnet.mjs <csharpModuleDll> <microsoftServerDll|-> <tsModuleFolder> [<microsoftServerDll on the module's SDK>]
// tools/call (echo) throughput on loopback with autocannon, same run, same load as bench.mjs:
//   - the generated C# module (mcp-core-dotnet; bearer auth on, its default JSON request log at info)
//   - Microsoft's `dotnet new mcpserver -t remote --self-contained false` server with the same echo tool
//     added (no auth; its logging at Warning, so it writes no per-request lines): the ratio is conservative
//   - the same C# module at LOG_LEVEL=warn (no request log line), reported against Microsoft's server
//   - optionally Microsoft's server with its ModelContextProtocol.AspNetCore moved to the module's version,
//     which separates what the SDK version costs from what mcp-core adds
//   - the generated TypeScript module (mcp-core, node dist/server.mjs, auth on, its default log)
// "-" for the Microsoft server prints that row as skipped (reason in MCPSERVER_SKIPPED).
//
// Why it is built this way (each point was measured on this 2-core VM):
//   - Warm-up with pauses. .NET promotes hot methods to optimised code only after ~100 ms without new
//     tier-0 JIT work; under continuous load that moment never comes and a server stays 3-4x slower for
//     as long as the load lasts. Servers take turns at 2 s loads, each resting at least 2 s in between,
//     until each one's cost per call settles (at least 8 cycles).
//   - Several processes per .NET server (BENCH_PROCESSES, default 6). Two processes of the same build,
//     equally warm, differ by up to 10 % for their whole life (tiered PGO, memory layout), so one process
//     per side cannot resolve a 5 % target; the C# module and Microsoft's server get as many each.
//   - Paired rounds: all servers stay up (idle ones cost nothing); BENCH_ROUNDS rounds (default 8) give each
//     process BENCH_SECONDS (default 2) of load, the kinds interleaved and the order reversed every other
//     round, with a pause before each; a ratio is the median over rounds of the per-round ratio of geometric
//     means, so a slow spell of the VM falls on both sides. The TypeScript module always goes last (the
//     server loaded just after it measured low).
//   - Pinned (BENCH_PIN=1, set by bench/run): the load generator on CPU 0, every server on CPU 1, and the
//     server's own CPU time per call is read from /proc/<pid>/stat as a second figure beside req/s.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import autocannon from 'autocannon';

const [csharpDll, microsoftDll, tsModule, microsoftSameSdkDll] = process.argv.slice(2);
const duration = Number(process.env.BENCH_SECONDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
const processes = Number(process.env.BENCH_PROCESSES ?? 6);
const pinned = process.env.BENCH_PIN === '1';
const token = 'bench-token-not-a-secret';
let nextPort = 19_900 + Math.floor(Math.random() * 500);

const dotnet = (dll, env, extra) => ({ cmd: 'dotnet', args: [basename(dll)], cwd: dirname(dll), env, ...extra });
const microsoft = (dll) => (port) => dotnet(dll, { ASPNETCORE_URLS: `http://127.0.0.1:${port}`, Logging__LogLevel__Default: 'Warning' }, {
  // The template's app.MapMcp() serves MCP at the root.
  auth: false, path: '/',
});
const servers = {
  csharp: (port) => dotnet(csharpDll, { PORT: String(port), MCP_AUTH_TOKEN: token, LOG_LEVEL: 'info' }, { auth: true, path: '/mcp' }),
  // The same module without its per-request log line: what that line costs.
  csharpQuiet: (port) => dotnet(csharpDll, { PORT: String(port), MCP_AUTH_TOKEN: token, LOG_LEVEL: 'warn' }, { auth: true, path: '/mcp' }),
  microsoft: microsoft(microsoftDll),
  microsoftSameSdk: microsoft(microsoftSameSdkDll),
  typescript: (port) => ({ cmd: process.execPath, args: ['dist/server.mjs'], cwd: tsModule, env: { PORT: String(port), MCP_AUTH_TOKEN: token, LOG_LEVEL: 'info' }, auth: true, path: '/mcp' }),
};

function start(kind) {
  const port = nextPort++;
  const spec = servers[kind](port);
  const [cmd, args] = pinned ? ['taskset', ['-c', '1', spec.cmd, ...spec.args]] : [spec.cmd, spec.args];
  const child = spawn(cmd, args, {
    cwd: spec.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', ...spec.env },
    stdio: 'ignore',
  });
  return { kind, child, port, auth: spec.auth, url: `http://127.0.0.1:${port}${spec.path}` };
}

// Any HTTP answer means listening (Microsoft's server has no /health).
async function waitListening({ port, child }) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`server on ${port} never answered`);
    try {
      await fetch(`http://127.0.0.1:${port}/health`);
      return;
    } catch { /* not yet */ }
    await sleep(20);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const stop = async (child) => { child.kill('SIGKILL'); await new Promise((r) => child.once('exit', r)); };

// User + system CPU of the whole process (exited threads included), in microseconds.
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'bench' } } });
const headers = (auth) => ({ 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25', ...(auth ? { authorization: `Bearer ${token}` } : {}) });
async function load(server, seconds) {
  const cpuBefore = cpuMicros(server.child.pid);
  const result = await autocannon({ url: server.url, method: 'POST', connections, duration: seconds, body, headers: headers(server.auth) });
  const cpu = (cpuMicros(server.child.pid) - cpuBefore) / Math.max(result.requests.total, 1);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`load run had ${result.non2xx} non-2xx and ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpu };
}

// One answered tools/call per server before timing: the echo tool exists and answers the same text.
async function check({ url, auth }) {
  const response = await fetch(url, { method: 'POST', body, headers: headers(auth) });
  const text = await response.text();
  if (!response.ok || !text.includes('"text":"bench"')) throw new Error(`tools/call echo failed (${response.status}): ${text.slice(0, 300)}`);
}

// Round-robin: while one server is loaded the others rest, which gives each the pause tiering needs
// without idle time. A server is warm once its cost per call stops falling (at least 8 cycles).
async function warmUp(servers) {
  const costs = new Map(servers.map((server) => [server, []]));
  const lastLoadEnded = new Map();
  const settled = (server) => {
    const last = costs.get(server).slice(-3);
    return costs.get(server).length >= 8 && Math.max(...last) / Math.min(...last) < 1.15;
  };
  for (let cycle = 0; cycle < 20 && !servers.every(settled); cycle += 1) {
    for (const server of servers.filter((candidate) => !settled(candidate))) {
      await sleep(Math.max(0, (lastLoadEnded.get(server) ?? 0) + 2000 - Date.now()));
      costs.get(server).push((await load(server, 2)).cpu);
      lastLoadEnded.set(server, Date.now());
    }
  }
  for (const server of servers) {
    console.error(`bench: warm-up of ${server.kind} on ${server.port} (CPU us per call): ${costs.get(server).map((c) => c.toFixed(0)).join(' ')}`);
  }
}

const hasMicrosoft = microsoftDll !== '-';
const copies = {
  csharp: processes,
  csharpQuiet: 1,
  ...(hasMicrosoft ? { microsoft: processes } : {}),
  ...(hasMicrosoft && microsoftSameSdkDll ? { microsoftSameSdk: 1 } : {}),
  typescript: 1,
};
const running = [];
for (const [kind, count] of Object.entries(copies)) {
  for (let i = 0; i < count; i += 1) {
    const server = start(kind);
    running.push(server);
    await waitListening(server);
    await check(server);
  }
}
await warmUp(running);

// Loaded interleaved by kind (module 1, Microsoft 1, ..., module 2, Microsoft 2, ...): the VM's speed drifts
// over seconds (the same server measured 80-150 us per call within a minute), and a block of one kind
// followed by a block of the other put that drift into the ratio (0.97 and 0.87 in two runs of one build).
const dotnetKinds = Object.keys(copies).filter((kind) => kind !== 'typescript');
const interleaved = Array.from({ length: Math.max(...Object.values(copies)) }, (_, i) =>
  dotnetKinds.map((kind) => running.filter((server) => server.kind === kind)[i]).filter(Boolean)).flat();
const runs = [];
for (let round = 0; round < rounds; round += 1) {
  const order = [...(round % 2 === 0 ? interleaved : [...interleaved].reverse()), ...running.filter((server) => server.kind === 'typescript')];
  const results = new Map();
  for (const server of order) {
    await sleep(500);
    results.set(server, await load(server, duration));
  }
  runs.push(results);
}
await Promise.all(running.map((server) => stop(server.child)));

const median = (values) => { const sorted = [...values].sort((a, b) => a - b); const mid = sorted.length >> 1; return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2; };
const geomean = (values) => Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
// One figure per round for a kind: the geometric mean over its processes.
const perRound = (run, kind, field) => geomean([...run].filter(([server]) => server.kind === kind).map(([, result]) => result[field]));
const summary = (kind) => Object.fromEntries(['rps', 'p50', 'p99', 'cpu'].map((field) => [field, median(runs.map((run) => perRound(run, kind, field)))]));
const ratio = (kind, baseline) => median(runs.map((run) => perRound(run, kind, 'rps') / perRound(run, baseline, 'rps')));
const cpuRatio = (kind, baseline) => median(runs.map((run) => perRound(run, baseline, 'cpu') / perRound(run, kind, 'cpu')));
const cs = summary('csharp');
const ts = summary('typescript');

if (!hasMicrosoft) {
  console.log(`| C# module (mcp-core-dotnet) \`tools/call\` throughput, ${connections} connections (target ratio >= 0.95) | ${cs.rps.toFixed(0)} req/s | Microsoft \`dotnet new mcpserver -t remote\`: skipped, ${process.env.MCPSERVER_SKIPPED ?? 'not available'} | - | - |`);
} else {
  console.error(`bench: per-round C# module / Microsoft mcpserver throughput ratios: ${runs.map((run) => (perRound(run, 'csharp', 'rps') / perRound(run, 'microsoft', 'rps')).toFixed(2)).join(' ')}`);
  const ms = summary('microsoft');
  console.log(`| C# module (mcp-core-dotnet) \`tools/call\` throughput, ${connections} connections, ${processes} processes a side (target ratio >= 0.95) | ${cs.rps.toFixed(0)} req/s | Microsoft \`dotnet new mcpserver -t remote --self-contained false\`, same echo tool | ${ms.rps.toFixed(0)} req/s | ${ratio('csharp', 'microsoft').toFixed(2)} |`);
  if (pinned) {
    console.log(`| C# module server CPU per \`tools/call\` (ratio: baseline / module, so higher is better, like throughput) | ${cs.cpu.toFixed(1)} us | Microsoft \`mcpserver\` | ${ms.cpu.toFixed(1)} us | ${cpuRatio('csharp', 'microsoft').toFixed(2)} |`);
  }
  const quiet = summary('csharpQuiet');
  console.log(`| C# module with its request log off (\`LOG_LEVEL=warn\`), \`tools/call\` throughput (report) | ${quiet.rps.toFixed(0)} req/s | Microsoft \`mcpserver\` | ${ms.rps.toFixed(0)} req/s | ${ratio('csharpQuiet', 'microsoft').toFixed(2)} |`);
  if (copies.microsoftSameSdk) {
    const same = summary('microsoftSameSdk');
    console.log(`| Microsoft \`mcpserver\` moved to the module's ModelContextProtocol.AspNetCore (report: what the SDK version costs) | ${same.rps.toFixed(0)} req/s | Microsoft \`mcpserver\` as generated | ${ms.rps.toFixed(0)} req/s | ${ratio('microsoftSameSdk', 'microsoft').toFixed(2)} |`);
  }
  console.log(`| C# module \`tools/call\` latency p50 / p99 | ${cs.p50.toFixed(1)} / ${cs.p99.toFixed(1)} ms | Microsoft \`mcpserver\` | ${ms.p50.toFixed(1)} / ${ms.p99.toFixed(1)} ms | ${(cs.p50 / Math.max(ms.p50, 1)).toFixed(2)} / ${(cs.p99 / Math.max(ms.p99, 1)).toFixed(2)} |`);
}
console.log(`| C# module \`tools/call\` throughput vs the TypeScript module (report) | ${cs.rps.toFixed(0)} req/s | TypeScript module (mcp-core), same tool | ${ts.rps.toFixed(0)} req/s | ${ratio('csharp', 'typescript').toFixed(2)} |`);
