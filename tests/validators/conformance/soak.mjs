// Bounded soak: <total> tools/call from <clients> concurrent real SDK clients (half 2026-07-28 on
// SDK 2.x, half 2025-11-25 on SDK 1.x) against one server on loopback, sampling the server's RSS.
// Usage: node soak.mjs <baseUrl> <token> <serverPid> [total=10000] [clients=50]
// Prints one JSON line: { calls, failures, seconds, callsPerSecond, p50Ms, p99Ms, rssStartKiB, rssMidKiB (at half the calls), rssEndKiB, rssMaxKiB, errors }.
import { readFileSync } from 'node:fs';
import { Client as ClientV2, StreamableHTTPClientTransport as HttpV2 } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as HttpV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [baseUrl, token, pidText, totalText = '10000', clientsText = '50'] = process.argv.slice(2);
const total = Number(totalText);
const clientCount = Number(clientsText);
const pid = Number(pidText);
const requestInit = { headers: { Authorization: `Bearer ${token}` } };
const endpoint = new URL('mcp', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
const rssKiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

const clients = [];
for (let i = 0; i < clientCount; i += 1) {
  const modern = i % 2 === 0;
  const client = modern
    ? new ClientV2({ name: `soak-${i}`, version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } })
    : new ClientV1({ name: `soak-${i}`, version: '1' });
  await client.connect(modern ? new HttpV2(endpoint, { requestInit }) : new HttpV1(endpoint, { requestInit }));
  clients.push(client);
}
// Warm up so the start figure is the steady state, not the cold heap.
await Promise.all(clients.map((client) => client.callTool({ name: 'echo', arguments: { text: 'warm-up' } })));
global.gc?.();
const rssStartKiB = rssKiB();
let rssMaxKiB = rssStartKiB;
let rssMidKiB;
const sampler = setInterval(() => (rssMaxKiB = Math.max(rssMaxKiB, rssKiB())), 250);

let next = 0;
let failures = 0;
const errors = new Map();
const latencies = [];
const started = performance.now();
await Promise.all(clients.map(async (client, index) => {
  while (next < total) {
    const n = next++;
    if (n === Math.floor(total / 2)) rssMidKiB = rssKiB();
    const text = `soak ${index} ${n}`;
    const t0 = performance.now();
    try {
      const result = await client.callTool({ name: 'echo', arguments: { text } });
      if (result.isError || !JSON.stringify(result.content).includes(text)) throw new Error(`unexpected result ${JSON.stringify(result).slice(0, 200)}`);
    } catch (error) {
      failures += 1;
      const key = String(error?.message ?? error).slice(0, 160);
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
    latencies.push(performance.now() - t0);
  }
}));
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const rssEndKiB = rssKiB();
await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
latencies.sort((a, b) => a - b);
const pct = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] * 10) / 10;
console.log(JSON.stringify({
  calls: latencies.length, failures, seconds: Math.round(seconds * 10) / 10, callsPerSecond: Math.round(latencies.length / seconds),
  p50Ms: pct(50), p99Ms: pct(99), rssStartKiB, rssMidKiB, rssEndKiB, rssMaxKiB: Math.max(rssMaxKiB, rssEndKiB), errors: Object.fromEntries(errors),
}));
