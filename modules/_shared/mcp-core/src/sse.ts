import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer, Transport } from '@modelcontextprotocol/server';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { sendJsonRpcError } from './http-responses.js';
import type { Logger } from './logging.js';

export interface SseOptions {
  /** Mount prefix; the endpoint event advertises `${basePath}/messages?sessionId=…`. */
  readonly basePath: string;
  readonly maxSessions: number;
  readonly keepAliveMs: number;
  /** 0 disables the idle cut. */
  readonly idleTimeoutMs: number;
  readonly createServer: () => McpServer;
  readonly logger: Logger;
}

interface Session {
  readonly transport: SSEServerTransport;
  lastActivity: number;
}

/**
 * Legacy HTTP+SSE transport (protocol 2024-11-05) for clients that only speak `/sse`.
 * SDK 2.x has no server transport for it, so the 1.x SDK's SSEServerTransport carries the
 * messages of a 2.x McpServer (both implement the same Transport contract).
 * Sessions live in this process's memory, so behind several replicas the platform must
 * route a session's POSTs to the replica holding its stream (or run one replica).
 */
export class SseSessions {
  readonly #sessions = new Map<string, Session>();
  readonly #options: SseOptions;

  constructor(options: SseOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#sessions.size;
  }

  async open(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { maxSessions, basePath, keepAliveMs, idleTimeoutMs } = this.#options;
    if (this.#sessions.size >= maxSessions) {
      sendJsonRpcError(res, 503, 'Too many open SSE sessions, retry later.', { 'Retry-After': '5' });
      return;
    }

    // The SDK transport writes the status line and the `endpoint` event itself in start();
    // headers set here are merged into that writeHead, and nothing is written before it.
    res.setHeader('X-Accel-Buffering', 'no');
    req.socket.setNoDelay(true);
    const transport = new SSEServerTransport(`${basePath}/messages`, res);
    const server = this.#options.createServer();
    const session: Session = { transport, lastActivity: Date.now() };
    this.#sessions.set(transport.sessionId, session);

    // Comments keep proxies (and Cloud Run / Railway idle cuts) from closing a quiet stream.
    const keepAlive = setInterval(() => {
      if (idleTimeoutMs > 0 && Date.now() - session.lastActivity > idleTimeoutMs) {
        this.#options.logger.info({ sessionId: transport.sessionId }, 'closing idle SSE session');
        void transport.close();
        return;
      }
      res.write(': keepalive\n\n');
    }, keepAliveMs);
    keepAlive.unref();

    res.on('close', () => {
      clearInterval(keepAlive);
      this.#sessions.delete(transport.sessionId);
      void server.close();
    });

    await server.connect(transport as unknown as Transport);
    // Agent Builder requires `event: open` right after `endpoint` (the Edge entry sends it too); it is not an
    // MCP event, and the official clients ignore it.
    if (!res.destroyed && !res.writableEnded) res.write(`event: open\ndata: ${JSON.stringify({ sessionId: transport.sessionId })}\n\n`);
  }

  async post(req: IncomingMessage, res: ServerResponse, sessionId: string | null, body: unknown): Promise<void> {
    const session = sessionId === null ? undefined : this.#sessions.get(sessionId);
    if (session === undefined) {
      sendJsonRpcError(res, 404, 'Unknown or expired SSE session; reconnect to /sse.');
      return;
    }
    session.lastActivity = Date.now();
    await session.transport.handlePostMessage(req, res, body);
  }

  /** Ends every open stream (used at shutdown); clients see the stream close and reconnect elsewhere. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((session) => session.transport.close()));
  }
}
