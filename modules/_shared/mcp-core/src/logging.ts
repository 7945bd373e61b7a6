import { pino, stdTimeFunctions, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/** pino level label -> Google Cloud Logging LogSeverity. */
const SEVERITY: Readonly<Record<string, string>> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

/**
 * Paths pino censors wherever a caller might pass request data. The server itself never
 * logs headers or tokens; this is the second line of defence against a tool author doing so.
 */
const REDACT_PATHS = [
  'authorization',
  'token',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.authorization',
  '*.token',
  '*.authToken',
  '*.headers.authorization',
];

export interface LoggerOptions {
  readonly name: string;
  readonly version: string;
  readonly level: LevelWithSilent;
  /** Defaults to stdout; tests pass a stream to capture lines. */
  readonly destination?: NodeJS.WritableStream;
}

/** JSON lines on stdout that Cloud Logging, Railway and kubectl logs all parse. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      messageKey: 'message',
      timestamp: stdTimeFunctions.isoTime,
      base: { service: options.name, version: options.version },
      formatters: {
        level: (label, number) => ({ severity: SEVERITY[label] ?? 'DEFAULT', level: number }),
      },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    // Asynchronous writes: a synchronous write per request line cost about a quarter of the
    // tools/call throughput (bench/run). pino flushes this destination on process exit, so the
    // shutdown and fatal lines are not lost.
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
