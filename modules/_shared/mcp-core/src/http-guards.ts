import { normalizeOrigin, stripPort, type McpConfig } from './config.js';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1'];
/** Railway sends its deploy health probes with this Host header. */
const PLATFORM_HEALTH_HOSTS = ['healthcheck.railway.app'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);

/** The request headers the guards read. */
export interface GuardHeaders {
  readonly host?: string | undefined;
  readonly origin?: string | undefined;
}

export type GuardResult = { ok: true } | { ok: false; status: number; message: string };

const OK: GuardResult = { ok: true };

/**
 * DNS-rebinding protection: only answer requests addressed to a name we expect.
 *
 * When the server binds a wildcard address and MCP_ALLOWED_HOSTS is empty, any Host is
 * accepted: behind Cloud Run, Railway or a Kubernetes ingress the public host names are
 * assigned by the platform and unknown at build time, and the bearer token remains the
 * access control. Set MCP_ALLOWED_HOSTS to pin them. On a loopback bind (the local default)
 * only loopback names are accepted, which is what stops a browser page on a rebinding
 * domain from reaching a developer's server.
 */
export function createHostGuard(config: McpConfig): (headers: GuardHeaders) => GuardResult {
  const acceptAny = config.allowedHosts.length === 0 && WILDCARD_BINDS.has(config.host);
  const allowed = new Set([...LOOPBACK_HOSTS, ...PLATFORM_HEALTH_HOSTS, ...config.allowedHosts]);
  return (headers) => {
    if (acceptAny) return OK;
    const host = headers.host;
    if (host === undefined || host === '') {
      return { ok: false, status: 400, message: 'Missing Host header' };
    }
    if (allowed.has(stripPort(host.toLowerCase()))) return OK;
    return { ok: false, status: 403, message: 'Host not allowed' };
  };
}

/**
 * Browsers attach Origin to cross-site requests; a present Origin must be one we list or
 * the server's own host. Non-browser clients send no Origin and pass.
 */
export function createOriginGuard(config: McpConfig): (headers: GuardHeaders) => GuardResult {
  const allowed = new Set(config.allowedOrigins);
  return (headers) => {
    const origin = headers.origin;
    if (origin === undefined) return OK;
    const normalized = normalizeOrigin(origin);
    if (normalized !== undefined) {
      if (allowed.has(normalized)) return OK;
      const host = headers.host?.toLowerCase();
      if (host !== undefined && new URL(normalized).host === host) return OK;
    }
    return { ok: false, status: 403, message: 'Origin not allowed' };
  };
}
