import { pino, stdTimeFunctions, type Logger, type LevelWithSilent } from 'pino';
import sonicBoom from 'sonic-boom';

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
  const stdout = options.destination === undefined ? stdoutDestination() : undefined;
  const logger = pino(
    {
      level: options.level,
      messageKey: 'message',
      timestamp: stdTimeFunctions.isoTime,
      base: { service: options.name, version: options.version },
      formatters: {
        // severity is the level: one field, the one Cloud Logging reads (the C# runtime writes the same).
        level: (label) => ({ severity: SEVERITY[label] ?? 'DEFAULT' }),
      },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    options.destination ?? stdout!,
  );
  if (stdout !== undefined) stdoutDestinations.set(logger, stdout);
  return logger;
}

/** The stdout destination of each logger createLogger made, for flushLogs. */
const stdoutDestinations = new WeakMap<Logger, InstanceType<typeof sonicBoom.SonicBoom>>();

/**
 * Asynchronous writes to stdout: a synchronous write per request line cost about a quarter of the
 * tools/call throughput (bench/run). Built without pino.destination on purpose: that one registers an
 * exit hook that flushes synchronously, and a synchronous write to a pipe nobody reads (a stuck log
 * collector) blocks forever, so SIGTERM never ended the process. Exit flushes through flushLogs, with a
 * deadline. A reader that went away (EPIPE) only loses the lines; it never stops the server.
 */
function stdoutDestination(): InstanceType<typeof sonicBoom.SonicBoom> {
  const destination = new sonicBoom.SonicBoom({ fd: 1, sync: false });
  destination.on('error', () => undefined);
  return destination;
}

/**
 * Writes out what the logger still holds (the last lines before exit), giving up after `timeoutMs`
 * when stdout does not take them. stdout is closed afterwards: call it just before exiting.
 */
export function flushLogs(logger: Logger, timeoutMs: number): Promise<void> {
  const stdout = stdoutDestinations.get(logger);
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    if (stdout === undefined) {
      logger.flush(done);
      return;
    }
    // end() waits for the write in flight (flush() does not) and then closes the descriptor.
    stdout.once('close', done);
    stdout.once('error', done);
    stdout.end();
  });
}
