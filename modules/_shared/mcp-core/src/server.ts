import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { loadConfig, type McpConfig } from './config.js';
import { createFetchHandler, type FetchHandler } from './fetch-handler.js';
import { createLogger, type Logger } from './logging.js';
import { Metrics } from './metrics.js';
import { toNodeListener } from './node-bridge.js';
import type { PromptDefinition, ResourceDefinition } from './resources.js';
import type { ToolDefinition } from './tools.js';

export interface ServerOptions {
  /** Server name reported to clients and in logs, e.g. "billing-mcp". */
  readonly name: string;
  readonly version: string;
  readonly tools: readonly ToolDefinition[];
  /** Resources (fixed URIs or templates) made with defineResource. */
  readonly resources?: readonly ResourceDefinition[];
  /** Prompts made with definePrompt. */
  readonly prompts?: readonly PromptDefinition[];
  /** Port used when PORT is unset; defaults to 8080. */
  readonly defaultPort?: number;
  /** Optional usage hints sent to clients at initialize. */
  readonly instructions?: string;
  /** Overrides the stdout JSON logger (tests). */
  readonly logger?: Logger;
}

export interface RunningServer {
  /** Base URL including port and MCP_BASE_PATH, without trailing slash: `${url}/mcp`, `${url}/sse`. */
  readonly url: string;
  readonly port: number;
  readonly config: McpConfig;
  readonly logger: Logger;
  /** Graceful stop: refuse new work, end SSE streams, wait for in-flight requests up to MCP_SHUTDOWN_TIMEOUT_MS. */
  close(): Promise<void>;
}

/**
 * Validates configuration (throws ConfigError), then listens. `env` defaults to process.env;
 * tests pass their own object so parallel servers do not share settings.
 *
 * Only what is Node's own lives here: the listener and its socket timeouts, in-flight tracking for the
 * SIGTERM drain, and the stdout logger. Every request is served by the fetch handler the Edge entry uses.
 */
export async function startServer(options: ServerOptions, env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const config = loadConfig(env, options.defaultPort === undefined ? {} : { port: options.defaultPort }, (path) => readFileSync(path, 'utf8'));
  const logger = options.logger ?? createLogger({ name: options.name, version: options.version, level: config.logLevel });
  let draining = false;
  const inFlight = new Set<object>();
  let handler: FetchHandler | undefined;
  const metrics = config.metrics
    ? new Metrics({ sseSessions: () => handler?.sseSessions ?? 0, inFlight: () => inFlight.size })
    : undefined;
  handler = await createFetchHandler(options, {
    config,
    logger,
    acceptedTokens: config.authToken === undefined ? undefined : [config.authToken],
    ...(metrics === undefined ? {} : { metrics }),
  });

  const listener = toNodeListener(handler.fetch, (error) => logger.error({ err: error }, 'request bridge failed'));
  const server = createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    // During drain, ask keep-alive clients to reconnect (to another replica).
    if (draining) res.setHeader('Connection', 'close');
    listener(req, res);
  });
  // Slow-loris bounds; SSE streams are responses, which these do not limit.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  // Longer than common load-balancer idle timeouts (60 s) so the LB closes first.
  server.keepAliveTimeout = 65_000;

  server.listen(config.port, config.host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${displayHost(config.host)}:${port}${config.basePath}`;

  if (config.authDisabled) {
    logger.warn('MCP_AUTH_DISABLED=true: the MCP endpoints accept unauthenticated requests');
  }
  logger.info(
    { url, host: config.host, port, basePath: config.basePath, tools: options.tools.map((tool) => tool.name) },
    'MCP server listening',
  );

  let closing: Promise<void> | undefined;
  const fetchHandler = handler;
  const close = () => (closing ??= drain(server, fetchHandler, inFlight, config, logger, () => (draining = true)));
  return { url, port, config, logger, close };
}

async function drain(
  server: Server,
  handler: FetchHandler,
  inFlight: Set<object>,
  config: McpConfig,
  logger: Logger,
  startDraining: () => void,
): Promise<void> {
  const deadline = Date.now() + config.shutdownTimeoutMs;
  startDraining();
  logger.info({ inFlight: inFlight.size, sseSessions: handler.sseSessions }, 'shutting down');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await handler.drain();
  server.closeIdleConnections();

  while (inFlight.size > 0 && Date.now() < deadline) await delay(25);
  if (inFlight.size > 0) {
    logger.warn({ inFlight: inFlight.size }, 'shutdown deadline reached; closing remaining connections');
  }
  await handler.close();
  server.closeAllConnections();
  await closed;
  logger.info('shutdown complete');
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
