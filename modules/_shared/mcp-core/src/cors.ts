import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GuardHeaders, GuardResult } from './http-guards.js';

/** Request headers a browser MCP client sends (Authorization needs an explicit allow). */
const ALLOW_HEADERS = 'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID, X-Request-Id';
/** Response headers a browser client must be able to read. */
const EXPOSE_HEADERS = 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, X-Request-Id';
const ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS';

/**
 * CORS for browser-based MCP clients. Only origins the Origin guard admits (MCP_ALLOWED_ORIGINS
 * or the server's own host) get CORS headers; a foreign Origin was already refused with 403.
 * The allowed origin is echoed (never `*`), so credentials work and caches vary by Origin.
 */
export function createCors(originGuard: (headers: GuardHeaders) => GuardResult) {
  return {
    preflight(req: IncomingMessage, res: ServerResponse): void {
      const origin = req.headers.origin;
      if (origin === undefined || !originGuard(req.headers).ok) {
        res.writeHead(204, { Allow: ALLOW_METHODS, 'Content-Length': '0' });
        res.end();
        return;
      }
      res.writeHead(204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Expose-Headers': EXPOSE_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
        'Content-Length': '0',
      });
      res.end();
    },
    decorate(req: IncomingMessage, res: ServerResponse): void {
      const origin = req.headers.origin;
      if (origin === undefined) return;
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      res.setHeader('Vary', 'Origin');
    },
  };
}
