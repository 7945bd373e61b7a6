import type { Logger } from './logging.js';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

const RANK: Readonly<Record<Level | 'silent', number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
/** The same severity mapping as logging.ts (Google Cloud Logging's LogSeverity). */
const SEVERITY: Readonly<Record<Level, string>> = { trace: 'DEBUG', debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR', fatal: 'CRITICAL' };
/** Field names censored wherever they appear (the same second line of defence as logging.ts's redact paths). */
const SECRET_FIELDS = new Set(['authorization', 'token', 'authtoken', 'cookie']);

export interface JsonLoggerOptions {
  readonly name: string;
  readonly version: string;
  readonly level: Level | 'silent';
  /** One JSON line per call; defaults to console.log, the log stream of the Edge Runtime. */
  readonly write?: (line: string) => void;
}

/**
 * The Node logger's line format (severity, time, service, version, fields, message) without pino:
 * pino needs Node's Buffer, worker threads and file descriptors, which the Edge Runtime lacks.
 * It implements the part of pino's Logger that mcp-core and tools use (the level methods and child).
 */
export function createJsonLogger(options: JsonLoggerOptions): Logger {
  const write = options.write ?? ((line: string) => console.log(line));
  return make({ service: options.name, version: options.version }, RANK[options.level], options.level, write);
}

function make(bindings: Record<string, unknown>, threshold: number, levelName: string, write: (line: string) => void): Logger {
  const emit = (level: Level) => (first?: unknown, second?: unknown) => {
    if (RANK[level] < threshold) return;
    const fields = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
    const message = typeof first === 'string' ? first : typeof second === 'string' ? second : undefined;
    const entry: Record<string, unknown> = { severity: SEVERITY[level], time: new Date().toISOString(), ...bindings };
    for (const [key, value] of Object.entries(fields)) entry[key] = key === 'err' ? serializeError(value) : value;
    if (message !== undefined) entry.message = message;
    write(JSON.stringify(entry, redact));
  };
  const logger = {
    level: levelName,
    trace: emit('trace'),
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    fatal: emit('fatal'),
    silent: () => undefined,
    child: (more: Record<string, unknown>) => make({ ...bindings, ...more }, threshold, levelName, write),
    isLevelEnabled: (level: Level) => RANK[level] >= threshold,
    flush: (callback?: () => void) => callback?.(),
  };
  return logger as unknown as Logger;
}

function redact(this: unknown, key: string, value: unknown): unknown {
  return SECRET_FIELDS.has(key.toLowerCase()) && value !== undefined ? '[redacted]' : value;
}

function serializeError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return { type: value.name, message: value.message, stack: value.stack };
}
