import { createMcpHandler } from '@modelcontextprotocol/server';
import type { McpConfig } from './config.js';
import { createHostGuard, createOriginGuard, type GuardHeaders, type GuardResult } from './http-guards.js';
import { invalidParams, isJsonRpcShaped, requestIdOf } from './json-rpc-checks.js';
import type { Logger } from './logging.js';
import { mcpServerFactory } from './mcp-server.js';
import type { PromptDefinition, ResourceDefinition } from './resources.js';
import { describeRpc } from './rpc-summary.js';
import { RESOURCE_METADATA, routeTable } from './routes.js';
import { assertUniqueToolNames, type ToolDefinition } from './tools.js';
import { traceLogFields } from './trace.js';
import { createWebBearerAuth } from './web-auth.js';
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
}

export interface FetchHandler {
  /** Serves one request: the web-standard `(Request) => Promise<Response>` Deno.serve, Bun and Workers take. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** Ends open SSE streams and in-flight Streamable HTTP exchanges. */
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:\-]{1,128}$/;
const ALLOW_HEADERS = 'Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID, X-Request-Id';
const EXPOSE_HEADERS = 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, X-Request-Id';
const ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS';

/**
 * The MCP endpoints over web-standard Request/Response, for runtimes without node:http (Supabase
 * Edge Functions on Deno): /mcp through the SDK's web-standard Streamable HTTP handler, legacy
 * /sse + /messages, /health and /ready, with the same auth, Host/Origin guards, body limit,
 * JSON-RPC checks and request log line as the Node server.
 */
export async function createFetchHandler(options: FetchHandlerOptions, settings: FetchHandlerSettings): Promise<FetchHandler> {
  const { config, logger } = settings;
  assertUniqueToolNames(options.tools);
  const shutdown = new AbortController();
  const createMcp = mcpServerFactory(options, {
    defaultTimeoutMs: config.toolTimeoutMs,
    logger,
    shutdownSignal: shutdown.signal,
  });
  const streamable = createMcpHandler(() => createMcp(), {
    legacy: 'stateless',
    maxRequestBodySize: config.maxBodyBytes,
    keepAliveMs: config.sseKeepAliveMs,
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
  const routes = routeTable({ ...config, metrics: false }, advertiseMetadata);
  const hostGuard = createHostGuard(config);
  const originGuard = createOriginGuard(config);
  const isAuthorized = settings.acceptedTokens === undefined ? async () => true : await createWebBearerAuth(settings.acceptedTokens);
  const prefix = settings.ignoredPathPrefix ?? '';

  const handle = async (request: Request, url: URL, path: string, log: Record<string, unknown>): Promise<Response> => {
    const route = routes.get(path);
    const guardHeaders: GuardHeaders = {
      // A web Request built in-process has no Host header; its URL names the host it addresses.
      host: request.headers.get('host') ?? url.host,
      origin: request.headers.get('origin') ?? undefined,
    };
    if (route === 'health' || route === 'ready') {
      if (request.method !== 'GET' && request.method !== 'HEAD') return jsonResponse(405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD' });
      return jsonResponse(200, { status: 'ok', name: options.name, version: options.version });
    }
    if (route === undefined) return jsonResponse(404, { error: 'Not found' });
    const guard = firstFailure(hostGuard(guardHeaders), originGuard(guardHeaders));
    if (guard !== undefined) return jsonRpcErrorResponse(guard.status, guard.message);

    const publicOrigin = `${url.protocol}//${request.headers.get('host') ?? url.host}`;
    if (route === 'resource-metadata') {
      if (request.method !== 'GET' && request.method !== 'HEAD') return jsonResponse(405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD' });
      return jsonResponse(200, { resource: `${publicOrigin}${config.basePath}/mcp`, bearer_methods_supported: ['header'], resource_name: options.name });
    }
    const origin = guardHeaders.origin;
    if (request.method === 'OPTIONS') {
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
    const cors: Record<string, string> =
      origin === undefined ? {} : { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSE_HEADERS, Vary: 'Origin' };
    const authorization = request.headers.get('authorization');
    if (!(await isAuthorized(authorization))) {
      const metadata = advertiseMetadata ? `resource_metadata="${publicOrigin}${RESOURCE_METADATA}${config.basePath}/mcp"` : '';
      const invalid = 'error="invalid_token", error_description="The bearer token is not valid for this server"';
      const challenge = ['Bearer', [authorization === null ? '' : invalid, metadata].filter((part) => part !== '').join(', ')]
        .filter((part) => part !== '')
        .join(' ');
      return jsonRpcErrorResponse(401, 'Unauthorized: send "Authorization: Bearer <token>".', { 'WWW-Authenticate': challenge, ...cors });
    }

    if (route === 'sse') {
      if (request.method !== 'GET') return jsonRpcErrorResponse(405, 'Method not allowed.', { Allow: 'GET', ...cors });
      return sse.open(request, cors);
    }
    if (route === 'mcp' && request.method !== 'POST') return withHeaders(await streamable.fetch(request), cors);
    if (request.method !== 'POST') return jsonRpcErrorResponse(405, 'Method not allowed.', { Allow: 'POST', ...cors });

    const body = await readWebJsonBody(request, config.maxBodyBytes);
    switch (body.kind) {
      case 'too-large':
        return jsonRpcErrorResponse(413, `Request body exceeds ${config.maxBodyBytes} bytes.`, { Connection: 'close', ...cors });
      case 'unsupported-media-type':
        return jsonRpcErrorResponse(415, 'Unsupported Media Type: Content-Type must be application/json.', cors);
      case 'invalid-json':
        return jsonRpcErrorResponse(400, 'Parse error: invalid JSON.', cors, -32700);
      case 'ok':
        Object.assign(log, describeRpc(body.value));
    }
    if (!isJsonRpcShaped(body.value)) {
      return jsonRpcErrorResponse(400, 'Invalid Request: expected a JSON-RPC 2.0 message or batch.', cors, -32600);
    }
    const badParams = invalidParams(body.value);
    if (badParams !== undefined) return jsonRpcErrorResponse(400, `Invalid params: ${badParams}`, cors, -32602, requestIdOf(body.value));
    if (route === 'mcp') return withHeaders(await streamable.fetch(request, { parsedBody: body.value }), cors);
    return sse.post(url.searchParams.get('sessionId'), body.value, cors);
  };

  const fetch = async (request: Request): Promise<Response> => {
    const started = performance.now();
    const url = new URL(request.url);
    const path = prefix !== '' && url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
    const log: Record<string, unknown> = {};
    const incomingId = request.headers.get('x-request-id');
    const requestId = incomingId !== null && REQUEST_ID.test(incomingId) ? incomingId : crypto.randomUUID();
    let response: Response;
    try {
      response = await handle(request, url, path, log);
    } catch (error) {
      logger.error({ err: error, path, requestId }, 'request handler failed');
      response = jsonRpcErrorResponse(500, 'Internal server error.', {}, -32603);
    }
    response = withHeaders(response, { 'X-Request-Id': requestId });
    const seconds = (performance.now() - started) / 1000;
    const userAgent = request.headers.get('user-agent');
    const fields = {
      requestId,
      method: request.method,
      path,
      ...log,
      status: response.status,
      durationMs: Math.round(seconds * 10_000) / 10,
      httpRequest: {
        requestMethod: request.method,
        requestUrl: path,
        status: response.status,
        latency: `${seconds.toFixed(6)}s`,
        ...(userAgent === null ? {} : { userAgent }),
      },
      ...traceLogFields(Object.fromEntries(request.headers), config.googleCloudProject),
    };
    if (routes.get(path) === 'health' || routes.get(path) === 'ready') logger.debug(fields, 'request');
    else logger.info(fields, 'request');
    return response;
  };

  return {
    fetch,
    close: async () => {
      shutdown.abort(new Error('server shutting down'));
      await sse.closeAll();
      await streamable.close();
    },
  };
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
