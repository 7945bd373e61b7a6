// Edge runtime rows for bench/run: the contract host's Edge bundle (built like a module's build:edge)
// under Deno. Prints markdown rows: cold start (process start to the first answered tools/list, each round also
// starting the two floors of bench/edge/floor: Deno.serve alone, and the official SDK's own stateless server), bundle
// size against Supabase's 20 MB limit, tools/call throughput under Deno against the same tools on Node,
// and a 5,000-call soak (peak RSS against the 256 MB limit, slowest request against the 2 s CPU limit).
// Usage: node bench/edge/edge.mjs <edge bundle> <floor/sdk-server.mjs bundled> <node host.js> <deno binary>...
// (BENCH_RUNS, BENCH_SECONDS)
import { spawn } from 'node:child_process';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

const [bundle, sdkServer, nodeHost, ...denos] = process.argv.slice(2);
const runs = Number(process.env.BENCH_RUNS ?? 10);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const TOKEN = 'bench-token-not-a-secret';
const HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
  'Mcp-Protocol-Version': '2025-11-25',
  Authorization: `Bearer ${TOKEN}`,
};

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function start(command, args, env = {}) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', MCP_AUTH_TOKEN: TOKEN, DENO_NO_UPDATE_CHECK: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  return { child, port, started, stdout: () => stdout };
}

const mcpUrl = (server, prefix) => `http://127.0.0.1:${server.port}${prefix}/mcp`;
const rpc = (url, id, method, params = {}) =>
  fetch(url, { method: 'POST', headers: HEADERS, body: JSON.stringify({ jsonrpc: '2.0', id, method, params }) });

async function firstToolsList(server, prefix) {
  for (;;) {
    try {
      const response = await rpc(mcpUrl(server, prefix), 1, 'tools/list');
      if (response.ok && (await response.text()).includes('"tools"')) return performance.now() - server.started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const stop = (server) =>
  new Promise((resolve) => {
    server.child.once('exit', resolve);
    server.child.kill('SIGKILL');
  });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const denoArgs = ['run', '--no-prompt', '--allow-net', '--allow-env', '--allow-read', bundle];
const EDGE = '/functions/v1/contract-host';
const version = (deno) => readFileSync(new URL('package.json', `file://${realpathSync(deno)}`), 'utf8').match(/"version": "([^"]+)"/)[1];

async function throughput(server, prefix) {
  const url = mcpUrl(server, prefix);
  let calls = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 16 }, async (_, worker) => {
      while (performance.now() < deadline) {
        const response = await rpc(url, worker, 'tools/call', { name: 'echo', arguments: { text: 'bench' } });
        await response.text();
        if (!response.ok) throw new Error(`tools/call answered ${response.status}`);
        calls++;
      }
    }),
  );
  return calls / seconds;
}

function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)[1]) * 1024;
}

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const denoServe = fileURLToPath(new URL('floor/deno-serve.mjs', import.meta.url));
console.log(`| edge bundle size (contract host, build:edge flags) | ${(statSync(bundle).size / 1024 / 1024).toFixed(2)} MB | limit 20 MB |`);
for (const deno of denos) {
  const name = `Deno ${version(deno)}`;
  // Each round starts the bundle and its two floors, so a busy moment weighs on all three alike: Deno.serve
  // alone, and the official SDK's own stateless server (the least any MCP server on the SDK does).
  const servers = [
    { args: denoArgs, prefix: EDGE, colds: [] },
    { args: ['run', '--no-prompt', '--allow-net', '--allow-env', denoServe], prefix: '', colds: [] },
    { args: ['run', '--no-prompt', '--allow-net', '--allow-env', sdkServer], prefix: '', colds: [] },
  ];
  for (let run = 0; run < runs; run++) {
    for (const { args, prefix, colds } of servers) {
      const server = await start(deno, args);
      colds.push(await firstToolsList(server, prefix));
      await stop(server);
    }
  }
  const [colds, bare, sdk] = servers.map((server) => median(server.colds).toFixed(0));
  console.log(`| edge cold start, ${name} (process start to first tools/list, median of ${runs}) | ${colds} ms (same rounds: Deno.serve alone ${bare} ms, the SDK's own stateless server ${sdk} ms) | target < 150 ms |`);

  const edge = await start(deno, denoArgs, { LOG_LEVEL: 'warn' });
  await firstToolsList(edge, EDGE);
  const denoRate = await throughput(edge, EDGE);
  await stop(edge);
  const node = await start(process.execPath, [nodeHost], { LOG_LEVEL: 'warn' });
  await firstToolsList(node, '');
  const nodeRate = await throughput(node, '');
  await stop(node);
  console.log(`| tools/call throughput, ${name} vs Node ${process.versions.node} (16 clients, ${seconds} s) | ${denoRate.toFixed(0)}/s vs ${nodeRate.toFixed(0)}/s | ratio ${(denoRate / nodeRate).toFixed(2)} |`);

  // The V8 heap is capped at 64 MB (a quarter of the limit): finishing 5,000 calls under it shows the function's memory stays far
  // below the Edge's 256 MB. RSS adds the Deno executable itself (~80 MB idle), which the platform shares.
  const soak = await start(deno, ['run', '--no-prompt', '--allow-net', '--allow-env', '--allow-read', '--v8-flags=--max-old-space-size=64', bundle], { LOG_LEVEL: 'info' });
  await firstToolsList(soak, EDGE);
  const cpuBefore = cpuSeconds(soak.child.pid);
  let peak = rss(soak.child.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rss(soak.child.pid))), 50);
  for (let call = 0; call < 5000; call++) {
    const response = await rpc(mcpUrl(soak, EDGE), call, 'tools/call', { name: 'echo', arguments: { text: `soak ${call}` } });
    await response.text();
    if (!response.ok) throw new Error(`soak call ${call} answered ${response.status}`);
  }
  clearInterval(sampler);
  peak = Math.max(peak, rss(soak.child.pid));
  const cpuPerCall = ((cpuSeconds(soak.child.pid) - cpuBefore) / 5000) * 1000;
  const slowest = Math.max(...[...soak.stdout().matchAll(/"rpcMethod":"tools\/call".*?"durationMs":([0-9.]+)/g)].map((match) => Number(match[1])));
  await stop(soak);
  console.log(`| edge soak, ${name}: 5,000 sequential tools/call, V8 heap capped at 64 MB | all answered; peak process RSS ${(peak / 1024 / 1024).toFixed(0)} MB; slowest request ${slowest.toFixed(1)} ms; CPU ${cpuPerCall.toFixed(2)} ms/call | limits 256 MB, 2 s CPU per request |`);
}
