import { ConfigError, loadConfig, LOG_LEVELS, type LogLevel } from './config.js';
import { createFetchHandler, type FetchHandler, type FetchHandlerOptions } from './fetch-handler.js';
import { createJsonLogger } from './json-logger.js';
import type { Logger } from './logging.js';

const FUNCTION_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/i;

/** The part of the Deno namespace the Edge entry uses (typed here: mcp-core compiles without Deno's types). */
interface DenoRuntime {
  readonly env: { toObject(): Record<string, string> };
  serve(
    options: { port: number; hostname: string; onListen?: (address: { port: number; hostname: string }) => void },
    handler: (request: Request) => Promise<Response>,
  ): { shutdown(): Promise<void>; finished: Promise<void> };
  addSignalListener?(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
  readonly stdout?: { write(bytes: Uint8Array): Promise<number> };
  exit(code: number): never;
}

/** Lines held for a stdout that does not read; beyond it lines are dropped, the server never stalls. */
const MAX_PENDING_LOG_LINES = 1_000;

/**
 * Where log lines go. On Supabase (SUPABASE_URL is set, hosted and under `supabase functions serve`)
 * console.log is the function's log stream. Under plain `deno run`, asynchronous writes to stdout:
 * console.log writes synchronously, and a log reader that stops reading would freeze the server
 * (and its SIGTERM handler) at the next line, as in the contract's blocked-stdout case.
 */
function logWriter(deno: DenoRuntime, env: Readonly<Record<string, string | undefined>>): { write: (line: string) => void; flush: (timeoutMs: number) => Promise<void> } {
  const stdout = deno.stdout;
  if (env.SUPABASE_URL !== undefined || stdout === undefined) {
    return { write: (line) => console.log(line), flush: async () => undefined };
  }
  const encoder = new TextEncoder();
  let pending: Promise<void> = Promise.resolve();
  let backlog = 0;
  const writeAll = async (bytes: Uint8Array) => {
    for (let offset = 0; offset < bytes.length; ) offset += await stdout.write(bytes.subarray(offset));
  };
  return {
    write: (line) => {
      if (backlog >= MAX_PENDING_LOG_LINES) return;
      backlog++;
      const bytes = encoder.encode(`${line}\n`);
      pending = pending
        .then(() => writeAll(bytes))
        .catch(() => undefined)
        .finally(() => backlog--);
    },
    flush: (timeoutMs) => Promise.race([pending, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]),
  };
}

export interface EdgeOptions {
  /** The Supabase function name: the gateway serves it at /functions/v1/<functionName>/..., the function sees /<functionName>/... */
  readonly functionName: string;
  /**
   * Wraps the function's handler before Deno.serve: tests put a stand-in for Supabase's gateway
   * here (it strips /functions/v1). Unset in modules: the real gateway is in front of them.
   */
  readonly gateway?: (fetch: (request: Request) => Promise<Response>) => (request: Request) => Promise<Response>;
}

/** Supabase's API gateway path in front of every function; it strips it before the function sees the request. */
export const FUNCTIONS_PREFIX = '/functions/v1';

/**
 * Below the Edge wall clock (150 s on the free plan): a legacy SSE stream ends cleanly before the
 * platform cuts it, and the client reconnects. Streamable HTTP on /mcp is request/response and unaffected.
 */
export const EDGE_SSE_MAX_LIFETIME_MS = 140_000;

/**
 * The accepted bearer keys on the Edge: the project's legacy anon key (SUPABASE_ANON_KEY, a JWT),
 * every publishable key (SUPABASE_PUBLISHABLE_KEYS, a JSON map such as {"default":"sb_publishable_..."})
 * and MCP_AUTH_TOKEN. The hosted runtime injects the first two; MCP_AUTH_TOKEN is a function secret.
 */
export function edgeAcceptedTokens(env: Readonly<Record<string, string | undefined>>): string[] | undefined {
  const problems: string[] = [];
  const tokens: string[] = [];
  for (const name of ['MCP_AUTH_TOKEN', 'SUPABASE_ANON_KEY']) {
    const value = env[name]?.trim();
    if (value) tokens.push(value);
  }
  const publishable = env.SUPABASE_PUBLISHABLE_KEYS?.trim();
  if (publishable) {
    try {
      const parsed: unknown = JSON.parse(publishable);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      for (const value of Object.values(parsed)) if (typeof value === 'string' && value.trim() !== '') tokens.push(value.trim());
    } catch {
      problems.push('SUPABASE_PUBLISHABLE_KEYS must be a JSON object of key names to keys, e.g. {"default":"sb_publishable_..."}');
    }
  }
  const disabled = ['true', '1'].includes(env.MCP_AUTH_DISABLED?.trim().toLowerCase() ?? '');
  if (!disabled && tokens.length === 0 && problems.length === 0) {
    problems.push(
      'no bearer key to check: the Edge runtime sets SUPABASE_ANON_KEY / SUPABASE_PUBLISHABLE_KEYS; locally set SUPABASE_ANON_KEY or MCP_AUTH_TOKEN, ' +
        'or MCP_AUTH_DISABLED=true for local development only',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return disabled ? undefined : tokens;
}

/**
 * The public POST path the /sse `endpoint` event announces. Clients reach the function through
 * https://<ref>.supabase.co/functions/v1/<name> and the gateway strips /functions/v1 before the
 * function sees the request, so the path is the same whether the request arrived prefixed or not.
 */
export function edgeMessagesPath(basePath: string): string {
  return `${FUNCTIONS_PREFIX}${basePath}/messages`;
}

/**
 * Builds the Edge function's handler from the environment: routes under /<functionName>, the keys
 * of edgeAcceptedTokens, JSON log lines on stdout (the function's log stream).
 */
export async function createEdgeHandler(
  options: FetchHandlerOptions,
  edge: EdgeOptions,
  env: Readonly<Record<string, string | undefined>>,
  logger?: Logger,
): Promise<{ handler: FetchHandler; logger: Logger; port: number; hostname: string; basePath: string }> {
  if (!FUNCTION_NAME.test(edge.functionName)) {
    throw new ConfigError([`the Edge function name "${edge.functionName}" must be letters, digits, - and _ (the module name)`]);
  }
  const acceptedTokens = edgeAcceptedTokens(env);
  // Auth is checked against acceptedTokens; the generic MCP_AUTH_TOKEN rule of loadConfig does not apply here.
  const loaded = loadConfig({
    ...env,
    MCP_AUTH_DISABLED: 'true',
    MCP_AUTH_TOKEN: undefined,
    MCP_AUTH_TOKEN_FILE: undefined,
    HOST: env.HOST ?? '0.0.0.0',
    PORT: env.PORT ?? '8000',
  });
  // The function sees /<name>/...; an MCP_BASE_PATH nests below it (/<name>/<base>/mcp).
  const config = { ...loaded, basePath: `/${edge.functionName}${loaded.basePath}` };
  const log =
    logger ??
    createJsonLogger({ name: options.name, version: options.version, level: config.logLevel });
  const handler = await createFetchHandler(options, {
    config,
    logger: log,
    acceptedTokens,
    ignoredPathPrefix: FUNCTIONS_PREFIX,
    messagesPath: () => edgeMessagesPath(config.basePath),
    sseMaxLifetimeMs: EDGE_SSE_MAX_LIFETIME_MS,
    protectedResourceMetadata: false,
  });
  if (acceptedTokens === undefined) log.warn('MCP_AUTH_DISABLED=true: the MCP endpoints accept unauthenticated requests');
  return { handler, logger: log, port: config.port, hostname: config.host, basePath: config.basePath };
}

/**
 * Entry point for a module's `src/edge.ts`: serves the module with Deno.serve (PORT or 8000 locally;
 * the hosted runtime routes to it itself). A configuration error is one readable line and exit code 1.
 */
export async function serveEdge(options: FetchHandlerOptions, edge: EdgeOptions): Promise<void> {
  const deno = (globalThis as { Deno?: DenoRuntime }).Deno;
  if (deno === undefined) throw new Error('serveEdge runs under Deno (Supabase Edge Functions); on Node use runServer');
  const env = deno.env.toObject();
  const output = logWriter(deno, env);
  const logger = createJsonLogger({ name: options.name, version: options.version, level: logLevelOf(env), write: output.write });
  const built = await createEdgeHandler(options, edge, env, logger).catch((error: unknown) => {
    console.error(`${options.name}: refusing to start. ${error instanceof Error ? error.message : String(error)}`);
    return deno.exit(1);
  });
  const { handler, port, hostname, basePath } = built;
  const server = deno.serve(
    {
      port,
      hostname,
      onListen: (address) =>
        logger.info(
          { url: `http://${address.hostname}:${address.port}${basePath}`, basePath, tools: options.tools.map((tool) => tool.name) },
          'MCP server listening',
        ),
    },
    edge.gateway === undefined ? handler.fetch : edge.gateway(handler.fetch),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'signal received');
    void handler
      .close()
      .then(() => server.shutdown())
      .then(() => logger.info('shutdown complete'))
      .then(() => output.flush(500))
      .finally(() => deno.exit(0));
  };
  try {
    deno.addSignalListener?.('SIGTERM', () => stop('SIGTERM'));
    deno.addSignalListener?.('SIGINT', () => stop('SIGINT'));
  } catch {
    // The hosted Edge Runtime has no signals: the platform ends the isolate itself.
  }
}

/** LOG_LEVEL as loadConfig reads it; an invalid value is reported by loadConfig, logging meanwhile at info. */
function logLevelOf(env: Readonly<Record<string, string | undefined>>): LogLevel {
  const level = env.LOG_LEVEL?.trim().toLowerCase() ?? 'info';
  return (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'info';
}
