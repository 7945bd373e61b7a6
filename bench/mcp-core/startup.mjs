// Cold start and memory of each runtime, measured on the contract hosts (tests/contract/hosts: mcp-core or
// mcp-core-dotnet serving the module template's tools), as a module would start in its container:
//   - cold start: from spawn to the first 200 of GET /health (median of RUNS starts, polling every 2 ms);
//   - idle RSS: VmRSS of the process 1 s after it answered /health;
//   - RSS after a soak: after 10,000 tools/call (echo) over Streamable HTTP, 8 at a time, then 1 s idle, with the
//     server's CPU time per call during the soak.
// With the two floor entries (bench/mcp-core/floor: node-http.mjs, and sdk-only.mjs as bundled by bench/run), each
// round of TypeScript starts also starts them, and the TypeScript rows report their cold start and idle RSS beside
// the module's: a node:http server with nothing loaded, and the same server after importing the official SDK.
// Usage: node bench/mcp-core/startup.mjs <typescript-entry.js> <dotnet-host.dll> [<node-http.mjs> <sdk-only.mjs>]
// (RUNS, CALLS to change counts). Prints markdown table rows on stdout.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Agent, request } from 'node:http';

const [typescriptEntry, dotnetHost, ...floorEntries] = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 15);
const calls = Number(process.env.CALLS ?? 10_000);
const token = 'bench-token-0123456789';

const runtimes = [
  { name: 'TypeScript (mcp-core, Node ' + process.versions.node + ')', command: process.execPath, args: [typescriptEntry], target: 'target < 120 ms' },
  { name: 'C# (mcp-core-dotnet)', command: 'dotnet', args: [dotnetHost], target: 'reported' },
];
runtimes[0].floors = floorEntries.map((entry, index) => ({
  name: ['node:http alone', 'the official SDK imported alone'][index],
  command: process.execPath,
  args: [entry],
}));

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function get(port, path, agent) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function start(runtime) {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(runtime.command, runtime.args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', MCP_AUTH_TOKEN: token, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const agent = new Agent({ keepAlive: false });
  while ((await get(port, '/health', agent)) !== 200) {
    if (child.exitCode !== null) throw new Error(`${runtime.name} exited with ${child.exitCode}`);
    await sleep(2);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { child, port, ms };
}

async function stop(child) {
  child.kill('SIGTERM');
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
}

// utime + stime of the whole process (clock ticks of 10 ms): the server's own work per call, which a busy machine
// disturbs far less than wall-clock throughput.
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

function callEcho(port, agent, id) {
  const body = JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { text: 'soak' } } });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1', port, path: '/mcp', method: 'POST', agent,
        headers: {
          Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream',
          'MCP-Protocol-Version': '2025-11-25', 'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 && text.includes('soak') ? resolve() : reject(new Error(`${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const floorsOf = (runtime) => runtime.floors ?? [];

for (const runtime of runtimes) {
  // Each round starts the runtime, then its floors, so a busy moment weighs on all of them alike.
  const times = new Map([runtime, ...floorsOf(runtime)].map((server) => [server, []]));
  for (let i = 0; i < runs + 1; i++) {
    for (const server of times.keys()) {
      const { child, ms } = await start(server);
      if (i > 0) times.get(server).push(ms); // the first start warms the disk cache
      await stop(child);
    }
  }
  const floorIdle = new Map();
  for (const floor of floorsOf(runtime)) {
    const { child } = await start(floor);
    await sleep(1000);
    floorIdle.set(floor, rssMiB(child.pid));
    await stop(child);
  }
  const { child, port } = await start(runtime);
  await sleep(1000);
  const idle = rssMiB(child.pid);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const cpuBefore = cpuMs(child.pid);
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < calls) await callEcho(port, agent, next++);
  }));
  agent.destroy();
  const cpuPerCall = ((cpuMs(child.pid) - cpuBefore) * 1000) / calls;
  await sleep(1000);
  const soaked = rssMiB(child.pid);
  await stop(child);
  const own = times.get(runtime);
  const besides = (describe) =>
    floorsOf(runtime).length === 0 ? '' : `; same rounds: ${floorsOf(runtime).map((floor) => `${floor.name} ${describe(floor)}`).join(', ')}`;
  console.log(`| cold start to first healthy /health, ${runtime.name} (${runtime.target}) | ${median(own).toFixed(0)} ms | median of ${runs}; min ${Math.min(...own).toFixed(0)}, max ${Math.max(...own).toFixed(0)}${besides((floor) => `${median(times.get(floor)).toFixed(0)} ms`)} |`);
  console.log(`| idle RSS after start, ${runtime.name} | ${idle.toFixed(1)} MiB | 1 s after the first 200${besides((floor) => `${floorIdle.get(floor).toFixed(1)} MiB`)} |`);
  console.log(`| RSS after ${calls.toLocaleString('en')} tools/call, ${runtime.name} | ${soaked.toFixed(1)} MiB | echo over /mcp, 8 at a time, then 1 s idle; server CPU ${cpuPerCall.toFixed(0)} µs/call |`);
}
