/**
 * Environment contract (see the workspace DESIGN "environment-variable contract").
 * Every variable is parsed once, at start-up, into a typed object so that a bad
 * deployment fails fast with a message naming the variable instead of at the first request.
 */

import { isIpAddress } from './ip-address.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface McpConfig {
  readonly port: number;
  readonly host: string;
  /** undefined only when auth is explicitly disabled. */
  readonly authToken: string | undefined;
  readonly authDisabled: boolean;
  /** Exact origins (scheme://host[:port]) allowed besides the server's own host. */
  readonly allowedOrigins: readonly string[];
  /** Host names (lower case, no port) allowed besides loopback and platform health hosts. */
  readonly allowedHosts: readonly string[];
  /** '' or a path starting with '/' and not ending with '/'. */
  readonly basePath: string;
  readonly logLevel: LogLevel;
  readonly shutdownTimeoutMs: number;
  readonly toolTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxSseSessions: number;
  readonly sseKeepAliveMs: number;
  /** 0 disables closing of SSE sessions that receive no message. */
  readonly sseIdleTimeoutMs: number;
  /** Serve Prometheus metrics on GET /metrics (bearer token required like /mcp). */
  readonly metrics: boolean;
  /** Google Cloud project id: request log lines name their trace as projects/<id>/traces/<trace>. */
  readonly googleCloudProject: string;
}

/** Thrown for any invalid or missing setting; the message is meant for operators. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid MCP server configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  // Below Cloud Run's ~10 s SIGKILL grace period.
  shutdownTimeoutMs: 8_000,
  // Below Supabase's 150 s idle cut and Cloud Run's 300 s request timeout.
  toolTimeoutMs: 120_000,
  maxBodyBytes: 1024 * 1024,
  maxSseSessions: 100,
  sseKeepAliveMs: 15_000,
  sseIdleTimeoutMs: 0,
} as const;

type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigDefaults {
  /** The module's own default port (its `--port` at generation); PORT overrides it. */
  readonly port?: number;
}

/**
 * Reads a mounted secret file as UTF-8 text (MCP_AUTH_TOKEN_FILE). Passed in by the runtime that has files to
 * read (Node: node:fs), so this module imports nothing of Node's and the Edge bundle starts without Deno's Node
 * compatibility layer.
 */
export type SecretFileReader = (path: string) => string;

export function loadConfig(env: Env = process.env, defaults: ConfigDefaults = {}, readSecretFile?: SecretFileReader): McpConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  const boolean = (name: string): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined || raw === 'false' || raw === '0') return false;
    if (raw === 'true' || raw === '1') return true;
    problems.push(`${name} must be "true" or "false", got "${raw}"`);
    return false;
  };

  const list = (name: string): string[] =>
    (read(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');

  // MCP_AUTH_TOKEN_FILE: the token as a mounted secret file (Compose/Kubernetes secrets), so it
  // never has to pass through an environment file or a shell wrapper.
  const tokenFromFile = (): string | undefined => {
    const path = read('MCP_AUTH_TOKEN_FILE');
    if (path === undefined) return undefined;
    if (read('MCP_AUTH_TOKEN') !== undefined) {
      problems.push('MCP_AUTH_TOKEN and MCP_AUTH_TOKEN_FILE are both set: set only one of them');
      return undefined;
    }
    if (readSecretFile === undefined) {
      problems.push('MCP_AUTH_TOKEN_FILE is not read on this runtime: set MCP_AUTH_TOKEN instead');
      return undefined;
    }
    try {
      const token = readSecretFile(path).trim();
      if (token === '') problems.push(`MCP_AUTH_TOKEN_FILE points to ${path}, which is empty`);
      return token === '' ? undefined : token;
    } catch (error) {
      problems.push(`MCP_AUTH_TOKEN_FILE points to ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  };

  const authDisabled = boolean('MCP_AUTH_DISABLED');
  const fileToken = tokenFromFile();
  const authToken = read('MCP_AUTH_TOKEN') ?? fileToken;
  if (!authDisabled && authToken === undefined && read('MCP_AUTH_TOKEN_FILE') === undefined) {
    problems.push(
      'MCP_AUTH_TOKEN is not set. Set MCP_AUTH_TOKEN (or MCP_AUTH_TOKEN_FILE) to a secret bearer token, ' +
        'or set MCP_AUTH_DISABLED=true explicitly for local development only.',
    );
  }

  const logLevel = (read('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  const allowedOrigins: string[] = [];
  for (const origin of list('MCP_ALLOWED_ORIGINS')) {
    const normalized = normalizeOrigin(origin);
    if (normalized === undefined) {
      problems.push(`MCP_ALLOWED_ORIGINS entry "${origin}" is not an origin like https://app.example.com`);
    } else {
      allowedOrigins.push(normalized);
    }
  }

  const allowedHosts: string[] = [];
  for (const host of list('MCP_ALLOWED_HOSTS')) {
    if (!/^[a-z0-9.\-\[\]:]+$/i.test(host)) {
      problems.push(`MCP_ALLOWED_HOSTS entry "${host}" is not a host name`);
    } else {
      allowedHosts.push(stripPort(host.toLowerCase()));
    }
  }

  const basePath = normalizeBasePath(read('MCP_BASE_PATH') ?? '');
  if (basePath === undefined) {
    problems.push(
      `MCP_BASE_PATH must be a URL path such as /billing (letters, digits, - . _ ~ and /, no "." or ".." segments), got "${read('MCP_BASE_PATH')}"`,
    );
  }

  const host = read('HOST') ?? DEFAULTS.host;
  if (host.toLowerCase() !== 'localhost' && !isIpAddress(host.replace(/^\[(.*)\]$/, '$1'))) {
    problems.push(`HOST must be an IP address (0.0.0.0 in containers, 127.0.0.1 locally) or localhost, got "${host}"`);
  }

  const config: McpConfig = {
    port: integer('PORT', defaults.port ?? DEFAULTS.port, 0, 65_535),
    host,
    authToken: authDisabled ? undefined : authToken,
    authDisabled,
    allowedOrigins,
    allowedHosts,
    basePath: basePath ?? '',
    logLevel: logLevel as LogLevel,
    shutdownTimeoutMs: integer('MCP_SHUTDOWN_TIMEOUT_MS', DEFAULTS.shutdownTimeoutMs, 0, 600_000),
    toolTimeoutMs: integer('MCP_TOOL_TIMEOUT_MS', DEFAULTS.toolTimeoutMs, 1, 3_600_000),
    maxBodyBytes: integer('MCP_MAX_BODY_BYTES', DEFAULTS.maxBodyBytes, 1, 64 * 1024 * 1024),
    maxSseSessions: integer('MCP_MAX_SSE_SESSIONS', DEFAULTS.maxSseSessions, 0, 100_000),
    sseKeepAliveMs: integer('MCP_SSE_KEEPALIVE_MS', DEFAULTS.sseKeepAliveMs, 1, 3_600_000),
    sseIdleTimeoutMs: integer('MCP_SSE_IDLE_TIMEOUT_MS', DEFAULTS.sseIdleTimeoutMs, 0, 86_400_000),
    metrics: boolean('MCP_METRICS'),
    googleCloudProject: read('GOOGLE_CLOUD_PROJECT') ?? '',
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Returns scheme://host[:port] in the form browsers send, or undefined if not an origin. */
export function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.origin === 'null' || url.pathname.length > 1 || url.search || url.hash) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

export function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(':');
  // More than one colon without brackets is a bare IPv6 literal, which has no port.
  return colon === -1 || host.indexOf(':', colon + 1) !== -1 ? host : host.slice(0, colon);
}

function normalizeBasePath(raw: string): string | undefined {
  const trimmed = raw.replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!trimmed.startsWith('/') || !/^[A-Za-z0-9\-._~/]+$/.test(trimmed) || trimmed.includes('//')) {
    return undefined;
  }
  // "." and ".." segments would be taken literally here but resolved by clients and proxies.
  if (trimmed.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  return trimmed;
}
