import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createBearerAuth } from './auth.js';
import type { McpConfig } from './config.js';
import { createHostGuard, createOriginGuard, readJsonBody, type GuardResult } from './http-guards.js';
import { sendJson, sendJsonRpcError } from './http-responses.js';
import type { Logger } from './logging.js';
import { describeRpc } from './rpc-summary.js';
import type { SseSessions } from './sse.js';
import { handleStreamablePost, rejectStreamableMethod } from './streamable.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export interface HandlerDeps {
  readonly config: McpConfig;
  readonly logger: Logger;
  readonly identity: { readonly name: string; readonly version: string };
  readonly sse: SseSessions;
  readonly createServer: () => McpServer;
  /** True once shutdown has begun: readiness fails and new MCP work is refused. */
  readonly isDraining: () => boolean;
}

interface RequestLog {
  rpcMethod?: string;
  tool?: string;
}

type Route = 'health' | 'ready' | 'mcp' | 'sse' | 'messages';

export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { config, logger } = deps;
  const routes = routeTable(config.basePath);
  const hostGuard = createHostGuard(config);
  const originGuard = createOriginGuard(config);
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

    const guard = firstFailure(hostGuard(req), originGuard(req));
    if (guard !== undefined) {
      sendJsonRpcError(res, guard.status, guard.message);
      return;
    }
    if (!isAuthorized(req)) {
      sendJsonRpcError(res, 401, 'Unauthorized: send "Authorization: Bearer <token>".', {
        'WWW-Authenticate': 'Bearer',
      });
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
    if (req.method !== 'POST') {
      if (route === 'mcp') rejectStreamableMethod(res);
      else sendJsonRpcError(res, 405, 'Method not allowed.', { Allow: 'POST' });
      return;
    }

    const body = await readJsonBody(req, config.maxBodyBytes);
    switch (body.kind) {
      case 'too-large':
        sendJsonRpcError(res, 413, `Request body exceeds ${config.maxBodyBytes} bytes.`, { Connection: 'close' });
        return;
      case 'unsupported-media-type':
        sendJsonRpcError(res, 415, 'Content-Type must be application/json.');
        return;
      case 'invalid-json':
        sendJsonRpcError(res, 400, 'Parse error: invalid JSON.', {}, -32700);
        return;
      case 'ok':
        Object.assign(log, describeRpc(body.value));
    }
    if (route === 'mcp') await handleStreamablePost(req, res, body.value, deps.createServer);
    else await deps.sse.post(req, res, url.searchParams.get('sessionId'), body.value);
  };

  return (req, res) => {
    const started = performance.now();
    const url = parseUrl(req.url);
    const route = url === undefined ? undefined : routes.get(url.pathname);
    const log: RequestLog = {};
    res.once('close', () => {
      const fields = {
        method: req.method,
        path: url?.pathname ?? '(invalid)',
        ...log,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      // Probes hit every few seconds; keep them out of the default (info) log.
      if (route === 'health' || route === 'ready') logger.debug(fields, 'request');
      else logger.info(fields, 'request');
    });
    if (url === undefined) {
      sendJson(res, 400, { error: 'Bad request URL' });
      return;
    }
    handle(req, res, route, url, log).catch((error: unknown) => {
      logger.error({ err: error, path: url.pathname }, 'request handler failed');
      if (!res.headersSent) sendJsonRpcError(res, 500, 'Internal server error.', {}, -32603);
      else res.end();
    });
  };
}

function routeTable(basePath: string): Map<string, Route> {
  const table = new Map<string, Route>([
    // Probes are also answered at the root so platform health checks need no prefix.
    ['/health', 'health'],
    ['/ready', 'ready'],
  ]);
  for (const route of ['health', 'ready', 'mcp', 'sse', 'messages'] as const) {
    table.set(`${basePath}/${route}`, route);
  }
  return table;
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
