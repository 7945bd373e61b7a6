import { createMcpHandler } from '@modelcontextprotocol/server';
import type { McpConfig } from './config.js';
import { corsHeaders, corsPreflight } from './cors.js';
import { createHostGuard, createOriginGuard, type GuardHeaders, type GuardResult } from './http-guards.js';
import { invalidParams, isJsonRpcShaped, requestIdOf } from './json-rpc-checks.js';
import type { Logger } from './logging.js';
import { mcpServerFactory } from './mcp-server.js';
import type { Metrics } from './metrics.js';
import { requestLogFields, whenDelivered, type RequestDetails } from './request-log.js';
import type { PromptDefinition, ResourceDefinition } from './resources.js';
import { describeRpc } from './rpc-summary.js';
import { RESOURCE_METADATA, routeTable, type Route } from './routes.js';
import { assertUniqueToolNames, type ToolDefinition } from './tools.js';
import { createBearerAuth } from './auth.js';
import { readWebJsonBody } from './web-body.js';
import { jsonResponse, jsonRpcErrorResponse } from './web-responses.js';
import { WebSseSessions } from './web-sse.js';

export interface FetchHandlerOptions {
  readonly name: string;
  readonly version: string;
  readonly tools: readonly ToolDefinition[];
  readonly resources?: readonly ResourceDefinition[];
  readonly prompts?: readonly PromptDefinition[];
  readonly instructions?: string;
}

export interface FetchHandlerSettings {
  readonly config: McpConfig;
  readonly logger: Logger;
  /** Bearer tokens accepted on the MCP endpoints; undefined only when auth is explicitly disabled. */
  readonly acceptedTokens: readonly string[] | undefined;
  /** Leading path segments a gateway may leave on the request (e.g. /functions/v1), ignored for routing. */
  readonly ignoredPathPrefix?: string;
  /** The public POST path announced by /sse; defaults to `${basePath}/messages`. */
  readonly messagesPath?: (request: Request) => string;
  /**
   * RFC 9728 metadata at /.well-known/oauth-protected-resource, named in 401 challenges (default true).
   * Off on the Edge: Supabase's gateway routes only /functions/v1/<name>/... to the function.
   */
  readonly protectedResourceMetadata?: boolean;
  /** Legacy SSE streams end after this long (0: never); the Edge keeps them under its wall clock. */
  readonly sseMaxLifetimeMs?: number;
  /** Prometheus text on /metrics (bearer token required) fed by every request and tool call; the Node server's MCP_METRICS. */
  readonly metrics?: Metrics;
}

export interface FetchHandler {
  /** Serves one request: the web-standard `(Request) => Promise<Response>` Deno.serve, Bun and Workers take (Node through node-bridge). */
  readonly fetch: (request: Request) => Promise<Response>;
  /** Open legacy SSE sessions. */
  readonly sseSessions: number;
  /** Starts draining: /ready answers 503, new MCP work is refused with 503, SSE streams end. Calls in flight go on. */
  drain(): Promise<void>;
  /** Stops: drains, aborts tool calls still running and ends in-flight Streamable HTTP exchanges. */
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:\-]{1,128}$/;

/**
 * The one HTTP front of mcp-core, over web-standard Request/Response: the Edge entry gives it to Deno.serve
 * and the Node server to node:http through node-bridge. /mcp through the SDK's web-standard Streamable HTTP
 * handler, legacy /sse + /messages, /health and /ready, RFC 9728 metadata, /metrics; bearer auth, Host/Origin
 * guards and CORS, the body limit, the JSON-RPC checks and the request log line, each in one place.
 */
export async function createFetchHandler(options: FetchHandlerOptions, settings: FetchHandlerSettings): Promise<FetchHandler> {
  const { config, logger, metrics } = settings;
  assertUniqueToolNames(options.tools);
  const shutdown = new AbortController();
  let draining = false;
  const createMcp = mcpServerFactory(options, {
    defaultTimeoutMs: config.toolTimeoutMs,
    logger,
    shutdownSignal: shutdown.signal,
    ...(metrics === undefined ? {} : { onToolCall: metrics.observeToolCall.bind(metrics) }),
  });
  // Every request gets a fresh server: nothing is kept between requests, so any replica can answer any request.
  const streamable = createMcpHandler(() => createMcp(), {
    legacy: 'stateless',
    maxRequestBodySize: config.maxBodyBytes,
    keepAliveMs: config.sseKeepAliveMs,
    // Rejected requests and transport errors are reported here; the response is already sent.
    // A client's malformed request is its problem (debug); anything else is ours (warn).
    onerror: (error) =>
      /^Rejected inbound request/.test(error.message)
        ? logger.debug({ err: error }, 'mcp request rejected')
        : logger.warn({ err: error }, 'mcp handler reported an error'),
  });
  const sse = new WebSseSessions({
    maxSessions: config.maxSseSessions,
    keepAliveMs: config.sseKeepAliveMs,
    idleTimeoutMs: config.sseIdleTimeoutMs,
    maxLifetimeMs: settings.sseMaxLifetimeMs ?? 0,
    messagesPath: settings.messagesPath ?? (() => `${config.basePath}/messages`),
    createServer: createMcp,
    logger,
  });
  const advertiseMetadata = settings.acceptedTokens !== undefined && settings.protectedResourceMetadata !== false;
  const routes = routeTable(config.basePath, { resourceMetadata: advertiseMetadata, metrics: metrics !== undefined });
  const hostGuard = createHostGuard(config);
  const originGuard = createOriginGuard(config);
  const isAuthorized = settings.acceptedTokens === undefined ? () => true : createBearerAuth(settings.acceptedTokens);
  const prefix = settings.ignoredPathPrefix ?? '';

  /** Everything behind the bearer token: metrics, then the MCP endpoints. */
  const serveProtected = async (request: Request, url: URL, route: Route, details: RequestDetails, publicOrigin: string): Promise<Response> => {
    const authorization = request.headers.get('authorization');
    if (!isAuthorized(authorization)) {
      // RFC 6750 section 3: no credentials get a bare challenge, wrong ones error="invalid_token".
      const metadata = advertiseMetadata ? `resource_metadata="${publicOrigin}${RESOURCE_METADATA}${config.basePath}/mcp"` : '';
      const invalid = authorization === null ? '' : 'error="invalid_token", error_description="The bearer token is not valid for this server"';
      const params = [invalid, metadata].filter((part) => part !== '').join(', ');
      return jsonRpcErrorResponse(401, 'Unauthorized: send "Authorization: Bearer <token>".', { 'WWW-Authenticate': params === '' ? 'Bearer' : `Bearer ${params}` });
    }
    if (route === 'metrics') {
      if (request.method !== 'GET') return jsonResponse(405, { error: 'Method not allowed' }, { Allow: 'GET' });
      return new Response(metrics!.render(), { status: 200, headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' } });
    }
    if (draining) return jsonRpcErrorResponse(503, 'Server is shutting down, retry.', { 'Retry-After': '1', Connection: 'close' });

    if (route === 'sse') {
      if (request.method !== 'GET') return jsonRpcErrorResponse(405, 'Method not allowed.', { Allow: 'GET' });
      return sse.open(request);
    }
    // GET and DELETE are answered by the SDK per revision (405 for the stateless server).
    if (route === 'mcp' && request.method !== 'POST') return streamable.fetch(request);
    if (request.method !== 'POST') return jsonRpcErrorResponse(405, 'Method not allowed.', { Allow: 'POST' });

    const body = await readWebJsonBody(request, config.maxBodyBytes);
    switch (body.kind) {
      case 'too-large':
        return jsonRpcErrorResponse(413, `Request body exceeds ${config.maxBodyBytes} bytes.`, { Connection: 'close' });
      case 'unsupported-media-type':
        return jsonRpcErrorResponse(415, 'Unsupported Media Type: Content-Type must be application/json.');
      case 'invalid-json':
        return jsonRpcErrorResponse(400, 'Parse error: invalid JSON.', {}, -32700);
      case 'ok':
        Object.assign(details, describeRpc(body.value));
    }
    if (!isJsonRpcShaped(body.value)) {
      return jsonRpcErrorResponse(400, 'Invalid Request: expected a JSON-RPC 2.0 message or batch.', {}, -32600);
    }
    const badParams = invalidParams(body.value);
    if (badParams !== undefined) return jsonRpcErrorResponse(400, `Invalid params: ${badParams}`, {}, -32602, requestIdOf(body.value));
    if (route === 'mcp') return streamable.fetch(request, { parsedBody: body.value });
    return sse.post(url.searchParams.get('sessionId'), body.value);
  };

  const handle = async (request: Request, url: URL, route: Route | undefined, details: RequestDetails): Promise<Response> => {
    if (route === 'health' || route === 'ready') {
      if (request.method !== 'GET' && request.method !== 'HEAD') return jsonResponse(405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD' });
      // Probes carry pod IPs or platform hosts as Host, so they skip the Host/Origin guards; they reveal nothing but liveness.
      const ready = route === 'health' || !draining;
      return jsonResponse(ready ? 200 : 503, { status: ready ? 'ok' : 'draining', name: options.name, version: options.version });
    }
    if (route === undefined) return jsonResponse(404, { error: 'Not found' });

    const host = request.headers.get('host');
    const guardHeaders: GuardHeaders = {
      // A web Request built in-process has no Host header; its URL names the host it addresses.
      host: host ?? url.host,
      origin: request.headers.get('origin') ?? undefined,
    };
    const guard = firstFailure(hostGuard(guardHeaders), originGuard(guardHeaders));
    if (guard !== undefined) return jsonRpcErrorResponse(guard.status, guard.message);

    const publicOrigin = `${publicScheme(request, url)}//${host ?? url.host}`;
    if (route === 'resource-metadata') {
      if (request.method !== 'GET' && request.method !== 'HEAD') return jsonResponse(405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD' });
      // RFC 9728 for a static bearer token: the resource and how to present the token, and no
      // authorization_servers, so OAuth clients learn there is no flow to start.
      return jsonResponse(200, { resource: `${publicOrigin}${config.basePath}/mcp`, bearer_methods_supported: ['header'], resource_name: options.name });
    }
    // Browsers send the CORS preflight without credentials, so it is answered before auth.
    if (request.method === 'OPTIONS') return corsPreflight(guardHeaders.origin);
    return withHeaders(await serveProtected(request, url, route, details, publicOrigin), corsHeaders(guardHeaders.origin));
  };

  const fetch = async (request: Request): Promise<Response> => {
    const started = performance.now();
    const url = new URL(request.url);
    const path = prefix !== '' && url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
    const route = routes.get(path);
    const details: RequestDetails = {};
    const incomingId = request.headers.get('x-request-id');
    const requestId = incomingId !== null && REQUEST_ID.test(incomingId) ? incomingId : crypto.randomUUID();
    let answer: Response;
    try {
      answer = await handle(request, url, route, details);
    } catch (error) {
      logger.error({ err: error, path, requestId }, 'request handler failed');
      answer = jsonRpcErrorResponse(500, 'Internal server error.', {}, -32603);
    }
    const response = withHeaders(answer, { 'X-Request-Id': requestId });
    return whenDelivered(response, () => {
      const seconds = (performance.now() - started) / 1000;
      const fields = requestLogFields(request, path, requestId, details, response.status, seconds, config.googleCloudProject);
      metrics?.observeRequest(route ?? 'unknown', response.status, seconds);
      // Probes hit every few seconds; keep them out of the default (info) log.
      if (route === 'health' || route === 'ready' || route === 'metrics') logger.debug(fields, 'request');
      else logger.info(fields, 'request');
    });
  };

  const drain = async () => {
    draining = true;
    await sse.closeAll();
  };
  return {
    fetch,
    get sseSessions() {
      return sse.size;
    },
    drain,
    close: async () => {
      await drain();
      shutdown.abort(new Error('server shutting down'));
      await streamable.close();
    },
  };
}

/** The scheme the client used: behind Cloud Run, an ingress or Supabase's gateway it is the proxy's (X-Forwarded-Proto). */
function publicScheme(request: Request, url: URL): string {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || forwarded === 'http' ? `${forwarded}:` : url.protocol;
}

/** Responses from the SDK may have immutable headers; copy only when something must be added. */
function withHeaders(response: Response, headers: Readonly<Record<string, string>>): Response {
  const entries = Object.entries(headers);
  if (entries.length === 0) return response;
  try {
    for (const [name, value] of entries) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of entries) copy.headers.set(name, value);
    return copy;
  }
}

function firstFailure(...results: GuardResult[]): Extract<GuardResult, { ok: false }> | undefined {
  for (const result of results) if (!result.ok) return result;
  return undefined;
}
