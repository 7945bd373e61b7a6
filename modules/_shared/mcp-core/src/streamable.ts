import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMcpHandler, type McpServer } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import type { Logger } from './logging.js';

export interface StreamableEndpoint {
  /** Serves one request on /mcp; `body` is the already read and parsed JSON (POST only). */
  handle(req: IncomingMessage, res: ServerResponse, body?: unknown): Promise<void>;
  /** Aborts modern exchanges still open (after the drain deadline). */
  close(): Promise<void>;
}

/**
 * Streamable HTTP on /mcp through the SDK 2.x entry point: protocol 2026-07-28 (per-request
 * envelope, `server/discover`) and, through its stateless legacy fallback, the 2025-11-25,
 * 2025-06-18 and 2025-03-26 `initialize` handshake. Every request gets a fresh server from
 * `createServer`: nothing is kept between requests, so any replica can answer any request.
 * Host/Origin/auth/body-size checks run before this, in the request handler.
 */
export function createStreamableEndpoint(createServer: () => McpServer, logger: Logger, maxBodyBytes: number, keepAliveMs: number): StreamableEndpoint {
  const handler = createMcpHandler(() => createServer(), {
    legacy: 'stateless',
    maxRequestBodySize: maxBodyBytes,
    keepAliveMs,
    // Rejected requests and transport errors are reported here; the response is already sent.
    // A client's malformed request is its problem (debug); anything else is ours (warn).
    onerror: (error) =>
      /^Rejected inbound request/.test(error.message)
        ? logger.debug({ err: error }, 'mcp request rejected')
        : logger.warn({ err: error }, 'mcp handler reported an error'),
  });
  const node = toNodeHandler(handler, { maxRequestBodySize: maxBodyBytes });
  return {
    handle: (req, res, body) => (body === undefined ? node(req, res) : node(req, res, body)),
    close: () => handler.close(),
  };
}
