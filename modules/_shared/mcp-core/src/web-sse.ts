import type { JSONRPCMessage, McpServer, Transport } from '@modelcontextprotocol/server';
import type { Logger } from './logging.js';
import { jsonRpcErrorResponse } from './web-responses.js';

export interface WebSseOptions {
  readonly maxSessions: number;
  readonly keepAliveMs: number;
  /** 0 disables the idle cut. */
  readonly idleTimeoutMs: number;
  /** 0 means no limit; on the Edge the stream ends before the platform's wall clock does. */
  readonly maxLifetimeMs: number;
  /** The public POST path announced in `event: endpoint`, without the query. */
  readonly messagesPath: (request: Request) => string;
  readonly createServer: () => McpServer;
  readonly logger: Logger;
}

const encoder = new TextEncoder();

/**
 * One legacy HTTP+SSE session (protocol 2024-11-05) over web streams: server-to-client messages
 * are `event: message` frames on the GET stream, client-to-server ones arrive as POSTs.
 */
class WebSseTransport implements Transport {
  readonly sessionId = crypto.randomUUID();
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: Transport['onmessage'];
  lastActivity = Date.now();
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #closed = false;

  attach(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.#controller = controller;
  }

  write(frame: string): void {
    if (this.#closed || this.#controller === undefined) return;
    try {
      this.#controller.enqueue(encoder.encode(frame));
    } catch {
      // The client went away between our check and the write; close() follows from cancel().
    }
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.#closed) throw new Error('SSE stream closed');
    this.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#controller?.close();
    } catch {
      // Already cancelled by the client.
    }
    this.onclose?.();
  }
}

/**
 * Legacy HTTP+SSE sessions (protocol 2024-11-05; SDK 2.x has no server transport for it) for the fetch
 * handler, on Node and on the Edge. The first event is `endpoint` (the POST URL with the public path, e.g.
 * /functions/v1/<name>/messages?sessionId=...), then `open`, which Agent Builder-style clients require;
 * standard clients ignore it. Sessions live in this process's (or isolate's) memory: a POST that reaches
 * another replica gets a 404 JSON-RPC error naming /mcp.
 */
export class WebSseSessions {
  readonly #sessions = new Map<string, WebSseTransport>();
  readonly #options: WebSseOptions;

  constructor(options: WebSseOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#sessions.size;
  }

  async open(request: Request): Promise<Response> {
    const { maxSessions, keepAliveMs, idleTimeoutMs, maxLifetimeMs, logger } = this.#options;
    if (this.#sessions.size >= maxSessions) {
      return jsonRpcErrorResponse(503, 'Too many open SSE sessions, retry later.', { 'Retry-After': '5' });
    }
    const transport = new WebSseTransport();
    const server = this.#options.createServer();
    const endpoint = `${this.#options.messagesPath(request)}?sessionId=${transport.sessionId}`;
    const opened = Date.now();
    let keepAlive: ReturnType<typeof setInterval> | undefined;
    const cleanup = () => {
      if (keepAlive !== undefined) clearInterval(keepAlive);
      this.#sessions.delete(transport.sessionId);
    };
    transport.onclose = () => {
      cleanup();
      void server.close();
    };

    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        transport.attach(controller);
        transport.write(`event: endpoint\ndata: ${endpoint}\n\n`);
        transport.write(`event: open\ndata: ${JSON.stringify({ sessionId: transport.sessionId })}\n\n`);
      },
      cancel: () => void transport.close(),
    });
    this.#sessions.set(transport.sessionId, transport);
    // Comments keep proxies (and the Edge gateway's 150 s idle cut) from closing a quiet stream.
    keepAlive = setInterval(() => {
      const now = Date.now();
      if (maxLifetimeMs > 0 && now - opened >= maxLifetimeMs) {
        logger.info({ sessionId: transport.sessionId }, 'ending SSE session at its maximum lifetime');
        void transport.close();
        return;
      }
      if (idleTimeoutMs > 0 && now - transport.lastActivity > idleTimeoutMs) {
        logger.info({ sessionId: transport.sessionId }, 'closing idle SSE session');
        void transport.close();
        return;
      }
      transport.write(': keepalive\n\n');
    }, Math.min(keepAliveMs, maxLifetimeMs > 0 ? maxLifetimeMs : keepAliveMs));
    // A client that goes away cancels the stream (cancel above). request.signal is not used: Deno.serve
    // aborts it when a response completes, not only when the client disconnects.
    await server.connect(transport);

    return new Response(stream, {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache, no-transform',
        'X-Accel-Buffering': 'no',
      },
    });
  }

  post(sessionId: string | null, body: unknown): Response {
    const transport = sessionId === null ? undefined : this.#sessions.get(sessionId);
    if (transport === undefined) {
      return jsonRpcErrorResponse(
        404,
        'Unknown or expired SSE session: it lives on another instance or has ended. Reconnect to /sse, or use Streamable HTTP on /mcp, which any instance can answer.',
      );
    }
    transport.lastActivity = Date.now();
    for (const message of Array.isArray(body) ? body : [body]) {
      transport.onmessage?.(message as JSONRPCMessage);
    }
    return new Response('Accepted', { status: 202, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((transport) => transport.close()));
  }
}
