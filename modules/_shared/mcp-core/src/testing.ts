import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from '@modelcontextprotocol/client';
import type { ToolResult } from './tools.js';

/**
 * Test helpers for modules: a real MCP SDK client behind a small surface, so module tests
 * exercise the actual protocol without importing the SDK themselves.
 */

export type TransportKind = 'streamable-http' | 'sse';

/**
 * Which client speaks: `'2025-11-25'` (default) is the 1.x SDK client's `initialize`
 * handshake; `'2026-07-28'` is the 2.x SDK client pinned to the current revision
 * (`server/discover` and per-request envelopes). SSE is always the 2024-11-05 transport.
 */
export type TestProtocol = '2025-11-25' | '2026-07-28';

export interface TestClientOptions {
  /** Base URL as returned by startServer (`RunningServer.url`). */
  readonly url: string;
  readonly transport: TransportKind;
  readonly token?: string | undefined;
  readonly headers?: Readonly<Record<string, string>>;
  readonly protocol?: TestProtocol;
}

export interface ListedTool {
  readonly name: string;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly inputSchema: { readonly type: 'object'; readonly properties?: Record<string, unknown>; readonly required?: readonly string[] };
}

export interface TestClient {
  readonly serverInfo: { readonly name: string; readonly version: string } | undefined;
  /** The protocol revision the connection negotiated (undefined for legacy SSE). */
  readonly protocolVersion: string | undefined;
  listTools(): Promise<ListedTool[]>;
  callTool(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  close(): Promise<void>;
}

export async function connectTestClient(options: TestClientOptions): Promise<TestClient> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  const requestInit = { headers };
  if (options.protocol === '2026-07-28') {
    if (options.transport !== 'streamable-http') throw new TypeError('protocol 2026-07-28 needs transport streamable-http');
    return connectModern(new URL(`${options.url}/mcp`), requestInit);
  }
  const transport =
    options.transport === 'sse'
      ? new SSEClientTransport(new URL(`${options.url}/sse`), { requestInit })
      : new StreamableHTTPClientTransport(new URL(`${options.url}/mcp`), { requestInit });
  const client = new Client({ name: 'mcp-core-test-client', version: '0.0.0' });
  await client.connect(transport);
  const serverVersion = client.getServerVersion();
  return {
    serverInfo: serverVersion === undefined ? undefined : { name: serverVersion.name, version: serverVersion.version },
    protocolVersion: transport instanceof StreamableHTTPClientTransport ? transport.protocolVersion : undefined,
    async listTools() {
      const { tools } = await client.listTools();
      return tools as ListedTool[];
    },
    async callTool(name, args = {}) {
      return (await client.callTool({ name, arguments: args })) as ToolResult;
    },
    close: () => client.close(),
  };
}

async function connectModern(url: URL, requestInit: { headers: Record<string, string> }): Promise<TestClient> {
  const client = new ModernClient(
    { name: 'mcp-core-test-client', version: '0.0.0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  await client.connect(new ModernTransport(url, { requestInit }));
  const serverVersion = client.getServerVersion();
  return {
    serverInfo: serverVersion === undefined ? undefined : { name: serverVersion.name, version: serverVersion.version },
    protocolVersion: client.getNegotiatedProtocolVersion(),
    async listTools() {
      const { tools } = await client.listTools();
      return tools as ListedTool[];
    },
    async callTool(name, args = {}) {
      return (await client.callTool({ name, arguments: args })) as ToolResult;
    },
    close: () => client.close(),
  };
}

/** The first SSE event of `${url}/sse`, read from the raw byte stream (no SDK parsing). */
export async function readFirstSseEvent(url: string, token?: string): Promise<{ status: number; headers: Headers; firstChunk: string }> {
  const controller = new AbortController();
  const res = await fetch(`${url}/sse`, {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  let text = '';
  if (res.body !== null) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    while (!text.includes('\n\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    await reader.cancel().catch(() => undefined);
  }
  controller.abort();
  return { status: res.status, headers: res.headers, firstChunk: text.slice(0, text.indexOf('\n\n') + 2) };
}
