import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createBearerAuth } from './auth.js';
import type { McpConfig } from './config.js';
import { createCors } from './cors.js';
import { createHostGuard, createOriginGuard, readJsonBody, type GuardResult } from './http-guards.js';
import { sendJson, sendJsonRpcError } from './http-responses.js';
import type { Logger } from './logging.js';
import type { Metrics } from './metrics.js';
import { describeRpc } from './rpc-summary.js';
import { invalidParams, isJsonRpcShaped, requestIdOf } from './json-rpc-checks.js';
import type { SseSessions } from './sse.js';
import type { StreamableEndpoint } from './streamable.js';
import { RESOURCE_METADATA, routeTable, type Route } from './routes.js';
import { traceLogFields } from './trace.js';

export interface HandlerDeps {
  readonly config: McpConfig;
  readonly logger: Logger;
  readonly identity: { readonly name: string; readonly version: string };
  readonly sse: SseSessions;
  readonly streamable: StreamableEndpoint;
  readonly metrics: Metrics | undefined;
  /** True once shutdown has begun: readiness fails and new MCP work is refused. */
  readonly isDraining: () => boolean;
}

interface RequestLog {
  rpcMethod?: string;
  tool?: string;
}


const REQUEST_ID = /^[A-Za-z0-9._:\-]{1,128}$/;

/** scheme://host as the client reached us: behind Cloud Run or an ingress the scheme is the proxy's. */
function publicOrigin(req: IncomingMessage): string {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim().toLowerCase();
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : 'http';
  return `${scheme}://${req.headers.host ?? 'localhost'}`;
}

export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { config, logger } = deps;
  const routes = routeTable(config, config.authToken !== undefined);
  const hostGuard = createHostGuard(config);
  const originGuard = createOriginGuard(config);
  const cors = createCors(originGuard);
  const isAuthorized = config.authToken === undefined ? () => true : createBearerAuth(config.authToken);

  const handle = async (req: IncomingMessage, res: ServerResponse, route: Route | undefined, url: URL, log: RequestLog) => {
    if (route === 'health' || route === 'ready') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD' });
        return;
      }
      // Probes carry pod IPs or platform hosts as Host, so they skip the Host/Origin guards;
      // they reveal nothing but liveness.
      const ready = route === 'health' || !deps.isDraining();
      sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ok' : 'draining',
        name: deps.identity.name,
        version: deps.identity.version,
      });
      return;
    }
    if (route === undefined) {
      sendJson(res, 404, { error: 'Not found' });
      return;
    }

    const guard = firstFailure(hostGuard(req.headers), originGuard(req.headers));
    if (guard !== undefined) {
      sendJsonRpcError(res, guard.status, guard.message);
      return;
    }
    if (route === 'resource-metadata') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD' });
        return;
      }
      // RFC 9728 for a static bearer token: the resource and how to present the token, and no
      // authorization_servers, so OAuth clients learn there is no flow to start.
      sendJson(res, 200, {
        resource: `${publicOrigin(req)}${config.basePath}/mcp`,
        bearer_methods_supported: ['header'],
        resource_name: deps.identity.name,
      });
      return;
    }
    // Browsers send the CORS preflight without credentials, so it is answered before auth.
    if (req.method === 'OPTIONS') {
      cors.preflight(req, res);
      return;
    }
    cors.decorate(req, res);
    if (!isAuthorized(req)) {
      // RFC 6750 section 3: no credentials get a bare challenge, wrong ones error="invalid_token".
      const metadata = `resource_metadata="${publicOrigin(req)}${RESOURCE_METADATA}${config.basePath}/mcp"`;
      const challenge = req.headers.authorization === undefined
        ? `Bearer ${metadata}`
        : `Bearer error="invalid_token", error_description="The bearer token is not valid for this server", ${metadata}`;
      sendJsonRpcError(res, 401, 'Unauthorized: send "Authorization: Bearer <token>".', { 'WWW-Authenticate': challenge });
      return;
    }

    if (route === 'metrics') {
      if (req.method !== 'GET') {
        sendJson(res, 405, { error: 'Method not allowed' }, { Allow: 'GET' });
        return;
      }
      const body = deps.metrics!.render();
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(body);
      return;
    }
    if (deps.isDraining()) {
      sendJsonRpcError(res, 503, 'Server is shutting down, retry.', { 'Retry-After': '1', Connection: 'close' });
      return;
    }

    if (route === 'sse') {
      if (req.method !== 'GET') {
        sendJsonRpcError(res, 405, 'Method not allowed.', { Allow: 'GET' });
        return;
      }
      await deps.sse.open(req, res);
      return;
    }
    if (route === 'mcp' && req.method !== 'POST') {
      // GET and DELETE are answered by the SDK per revision (405 for the stateless server).
      await deps.streamable.handle(req, res);
      return;
    }
    if (req.method !== 'POST') {
      sendJsonRpcError(res, 405, 'Method not allowed.', { Allow: 'POST' });
      return;
    }

    const body = await readJsonBody(req, config.maxBodyBytes);
    switch (body.kind) {
      case 'too-large':
        sendJsonRpcError(res, 413, `Request body exceeds ${config.maxBodyBytes} bytes.`, { Connection: 'close' });
        return;
      case 'unsupported-media-type':
        sendJsonRpcError(res, 415, 'Unsupported Media Type: Content-Type must be application/json.');
        return;
      case 'invalid-json':
        sendJsonRpcError(res, 400, 'Parse error: invalid JSON.', {}, -32700);
        return;
      case 'ok':
        Object.assign(log, describeRpc(body.value));
    }
    if (!isJsonRpcShaped(body.value)) {
      sendJsonRpcError(res, 400, 'Invalid Request: expected a JSON-RPC 2.0 message or batch.', {}, -32600);
      return;
    }
    const badParams = invalidParams(body.value);
    if (badParams !== undefined) {
      sendJsonRpcError(res, 400, `Invalid params: ${badParams}`, {}, -32602, requestIdOf(body.value));
      return;
    }
    if (route === 'mcp') await deps.streamable.handle(req, res, body.value);
    else await deps.sse.post(req, res, url.searchParams.get('sessionId'), body.value);
  };

  return (req, res) => {
    const started = performance.now();
    const url = parseUrl(req.url);
    const route = url === undefined ? undefined : routes.get(url.pathname);
    const log: RequestLog = {};
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const fields = {
        requestId,
        method: req.method,
        path: url?.pathname ?? '(invalid)',
        ...log,
        status: res.statusCode,
        durationMs: Math.round(seconds * 10_000) / 10,
        // Cloud Logging shows this as the request line of the entry.
        httpRequest: {
          requestMethod: req.method,
          requestUrl: url?.pathname ?? '(invalid)',
          status: res.statusCode,
          latency: `${seconds.toFixed(6)}s`,
          ...(req.headers['user-agent'] === undefined ? {} : { userAgent: req.headers['user-agent'] }),
        },
        ...traceLogFields(req.headers, config.googleCloudProject),
      };
      deps.metrics?.observeRequest(route ?? 'unknown', res.statusCode, seconds);
      // Probes hit every few seconds; keep them out of the default (info) log.
      if (route === 'health' || route === 'ready' || route === 'metrics') logger.debug(fields, 'request');
      else logger.info(fields, 'request');
    });
    if (url === undefined) {
      sendJson(res, 400, { error: 'Bad request URL' });
      return;
    }
    handle(req, res, route, url, log).catch((error: unknown) => {
      logger.error({ err: error, path: url.pathname, requestId }, 'request handler failed');
      if (!res.headersSent) sendJsonRpcError(res, 500, 'Internal server error.', {}, -32603);
      else res.end();
    });
  };
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

function firstFailure(...results: GuardResult[]): Extract<GuardResult, { ok: false }> | undefined {
  for (const result of results) if (!result.ok) return result;
  return undefined;
}
