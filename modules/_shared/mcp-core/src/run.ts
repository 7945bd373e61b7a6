import { ConfigError } from './config.js';
import { flushLogs } from './logging.js';
import { startServer, type RunningServer, type ServerOptions } from './server.js';

/**
 * Entry point for a module's `src/index.ts`: starts from process.env, turns configuration
 * errors into one readable stderr message with exit code 1, and drains on SIGTERM/SIGINT.
 */
export async function runServer(options: ServerOptions): Promise<RunningServer | undefined> {
  let running: RunningServer;
  try {
    running = await startServer(options, process.env);
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`${options.name}: refusing to start. ${message}\n`);
    process.exitCode = 1;
    return undefined;
  }

  let stopping = false;
  const exit = async (code: number): Promise<never> => {
    await flushLogs(running.logger, 500);
    process.exit(code);
  };
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    running.logger.info({ signal }, 'signal received');
    // Whatever happens to the drain (or to stdout), the process ends before the platform's SIGKILL.
    setTimeout(() => process.exit(1), running.config.shutdownTimeoutMs + 1_000).unref();
    running.close().then(
      () => exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'shutdown failed');
        return exit(1);
      },
    );
  };
  // once: a second Ctrl-C falls through to the default handler and kills at once.
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return running;
}
