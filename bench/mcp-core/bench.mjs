// mcp-core rows of bench/run. Usage: node bench.mjs <workspaceRoot> <moduleFolder>
// Prints markdown table rows: tools/call throughput and latency of a generated module (mcp-core)
// vs the bare SDK server with the same tool, same run, autocannon on loopback; and cold start to
// the first healthy /health (median of COLD_RUNS, default 10).
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const [workspace, moduleFolder] = process.argv.slice(2);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const coldRuns = Number(process.env.COLD_RUNS ?? 10);
const token = 'bench-token-not-a-secret';
let nextPort = 19_400 + Math.floor(Math.random() * 500);

function start(args, cwd, env) {
  const port = nextPort++;
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH, PORT: String(port), ...env }, stdio: 'ignore' });
  return { child, port };
}

async function waitHealthy(port, child) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 5));
  }
}

const stop = async (child) => { child.kill('SIGKILL'); await new Promise((r) => child.once('exit', r)); };

const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'bench' } } });
async function load(port, auth) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/mcp`, method: 'POST', connections, duration, body,
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`load run had ${result.non2xx} non-2xx and ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

copyFileSync(join(fileURLToPath(new URL('.', import.meta.url)), 'bare-sdk-server.mjs'), join(workspace, 'bench-bare-sdk-server.mjs'));
// Same run: candidate and baseline alternate (baseline, candidate, baseline, candidate) and are averaged.
const runs = { core: [], bare: [] };
for (const round of [0, 1]) {
  for (const kind of round === 0 ? ['bare', 'core'] : ['core', 'bare']) {
    const { child, port } = kind === 'core'
      ? start(['dist/server.mjs'], moduleFolder, { MCP_AUTH_TOKEN: token, LOG_LEVEL: 'info' })
      : start(['bench-bare-sdk-server.mjs'], workspace, {});
    await waitHealthy(port, child);
    await load(port, kind === 'core'); // warm-up
    runs[kind].push(await load(port, kind === 'core'));
    await stop(child);
  }
}
const avg = (xs, k) => xs.reduce((s, x) => s + x[k], 0) / xs.length;
const core = { rps: avg(runs.core, 'rps'), p50: avg(runs.core, 'p50'), p99: avg(runs.core, 'p99') };
const bare = { rps: avg(runs.bare, 'rps'), p50: avg(runs.bare, 'p50'), p99: avg(runs.bare, 'p99') };

const cold = [];
for (let i = 0; i < coldRuns; i += 1) {
  const t0 = performance.now();
  const { child, port } = start(['dist/server.mjs'], moduleFolder, { MCP_AUTH_TOKEN: token, LOG_LEVEL: 'warn' });
  await waitHealthy(port, child);
  cold.push(performance.now() - t0);
  await stop(child);
}
cold.sort((a, b) => a - b);
const median = cold[Math.floor(cold.length / 2)];

console.log(`| mcp-core \`tools/call\` throughput, ${connections} connections (target ratio >= 0.9) | ${core.rps.toFixed(0)} req/s | bare SDK 2.x server, same tool | ${bare.rps.toFixed(0)} req/s | ${(core.rps / bare.rps).toFixed(2)} |`);
console.log(`| mcp-core \`tools/call\` latency p50 / p99 | ${core.p50} / ${core.p99} ms | bare SDK 2.x server | ${bare.p50} / ${bare.p99} ms | ${(core.p50 / bare.p50).toFixed(2)} / ${(core.p99 / bare.p99).toFixed(2)} |`);
console.log(`| cold start to first healthy \`/health\` (median of ${coldRuns}) | ${median.toFixed(0)} ms | - | - | - |`);
