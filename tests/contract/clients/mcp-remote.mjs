// mcp-remote (tests/validators/mcp-remote) as a client of a served endpoint: it speaks stdio to us and
// HTTP to the server (--transport sse-only for /sse, http-only for /mcp), with the bearer key as a header.
// Sends initialize, tools/list and tools/call echo; prints one JSON line with what came back.
// Usage: node mcp-remote.mjs <endpoint URL ending in /sse or /mcp> <token>
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const [url, token] = process.argv.slice(2);
const proxy = fileURLToPath(new URL('../../validators/mcp-remote/node_modules/mcp-remote/dist/proxy.js', import.meta.url));
// Its OAuth cache goes to a throwaway folder, never to the user's home.
const config = mkdtempSync(join(tmpdir(), 'mcp-remote-'));
const child = spawn(
  process.execPath,
  [proxy, url, '--allow-http', '--transport', url.endsWith('/sse') ? 'sse-only' : 'http-only', '--header', `Authorization:Bearer ${token}`],
  { env: { ...process.env, MCP_REMOTE_CONFIG_DIR: config }, stdio: ['pipe', 'pipe', 'pipe'] },
);
let stderr = '';
child.stderr.on('data', (chunk) => (stderr += chunk));
const pending = new Map();
createInterface({ input: child.stdout }).on('line', (line) => {
  const message = JSON.parse(line);
  pending.get(message.id)?.(message);
});
const request = (id, method, params) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${method} timed out; mcp-remote said:\n${stderr.slice(-2000)}`)), 20_000);
    pending.set(id, (message) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
  });

try {
  await request(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'edge-test', version: '1.0.0' } });
  child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  const tools = await request(2, 'tools/list', {});
  const echo = await request(3, 'tools/call', { name: 'echo', arguments: { text: 'hello from mcp-remote' } });
  console.log(JSON.stringify({ ok: true, tools: tools.result.tools.map((tool) => tool.name).sort(), echo: echo.result.content[0].text }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error.message).slice(0, 2000) }));
} finally {
  child.kill();
  rmSync(config, { recursive: true, force: true });
}
