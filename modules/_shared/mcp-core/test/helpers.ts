import { Writable } from 'node:stream';
import { z } from 'zod';
import { createLogger, defineTool, errorResult, textResult, type Logger } from '../src/index.js';

export const TOKEN = 'core-test-token-0123456789';

/** Logger whose JSON lines are kept in memory so tests can assert on them. */
export function captureLogger(): { logger: Logger; lines: () => Record<string, unknown>[]; raw: () => string } {
  let raw = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw += chunk.toString('utf8');
      callback();
    },
  });
  const logger = createLogger({ name: 'core-test', version: '1.2.3', level: 'debug', destination });
  return {
    logger,
    raw: () => raw,
    lines: () =>
      raw
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export const testTools = [
  defineTool({
    name: 'echo',
    description: 'Echo text back',
    inputSchema: { text: z.string() },
    handler: ({ text }) => textResult(text),
  }),
  defineTool({
    name: 'explode',
    description: 'Always throws',
    inputSchema: {},
    handler: () => {
      throw new Error('kaboom');
    },
  }),
  defineTool({
    name: 'refuse',
    description: 'Returns an expected failure',
    inputSchema: {},
    handler: () => errorResult('not today'),
  }),
  defineTool({
    name: 'sleep',
    description: 'Waits, honouring cancellation',
    inputSchema: { ms: z.number().int().min(0) },
    timeoutMs: 200,
    handler: async ({ ms }, { signal }) => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return textResult(signal.aborted ? 'aborted' : 'slept');
    },
  }),
];

/** A tool slower than a SIGTERM: used to prove in-flight calls finish during the drain. */
export const slowTool = defineTool({
  name: 'slow',
  description: 'Waits the given time without watching its signal',
  inputSchema: { ms: z.number().int().min(0).max(30_000) },
  timeoutMs: 30_000,
  handler: async ({ ms }) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return textResult(`done after ${ms} ms`);
  },
});

export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PORT: '0', HOST: '127.0.0.1', MCP_AUTH_TOKEN: TOKEN, LOG_LEVEL: 'silent', ...extra };
}

export const JSON_HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
} as const;

export function rpc(method: string, params: Record<string, unknown> = {}, id = 1): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, params });
}
