/** Request headers a browser MCP client sends (Authorization needs an explicit allow). */
const ALLOW_HEADERS = 'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID, X-Request-Id';
/** Response headers a browser client must be able to read. */
const EXPOSE_HEADERS = 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, X-Request-Id';
const ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS';

/**
 * CORS for browser-based MCP clients. Called only for origins the Origin guard admitted
 * (MCP_ALLOWED_ORIGINS or the server's own host): a foreign Origin was already refused with 403.
 * The allowed origin is echoed (never `*`), so credentials work and caches vary by Origin.
 */
export function corsPreflight(origin: string | undefined): Response {
  if (origin === undefined) return new Response(null, { status: 204, headers: { Allow: ALLOW_METHODS } });
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': ALLOW_METHODS,
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Expose-Headers': EXPOSE_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    },
  });
}

/** The headers every answer to an admitted cross-origin request carries. */
export function corsHeaders(origin: string | undefined): Readonly<Record<string, string>> {
  return origin === undefined ? {} : { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSE_HEADERS, Vary: 'Origin' };
}
