import type { IncomingMessage } from 'node:http';
import { normalizeOrigin, stripPort, type McpConfig } from './config.js';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1'];
/** Railway sends its deploy health probes with this Host header. */
const PLATFORM_HEALTH_HOSTS = ['healthcheck.railway.app'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);

/** The request headers the guards read: Node's IncomingHttpHeaders and the web handler's view both fit. */
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

export type BodyResult =
  | { kind: 'ok'; value: unknown }
  | { kind: 'too-large' }
  | { kind: 'invalid-json' }
  | { kind: 'unsupported-media-type' };

/**
 * Reads and parses a JSON body with a hard size cap, so one client cannot make a replica
 * buffer an unbounded payload. On overflow reading stops; the caller answers 413 with
 * `Connection: close` so the half-read socket is not reused.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType)) return { kind: 'unsupported-media-type' };

  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return { kind: 'too-large' };

  const raw = await new Promise<Buffer | undefined>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop buffering but keep the socket: the caller still has to send the 413.
        req.off('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
  if (raw === undefined) return { kind: 'too-large' };
  try {
    return { kind: 'ok', value: JSON.parse(raw.toString('utf8')) };
  } catch {
    return { kind: 'invalid-json' };
  }
}
