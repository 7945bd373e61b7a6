import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from './logging.js';
import { errorResult, type ToolDefinition, type ToolResult } from './tools.js';

export interface ServerIdentity {
  readonly name: string;
  readonly version: string;
  readonly instructions?: string | undefined;
}

export interface ToolRuntime {
  readonly tools: readonly ToolDefinition[];
  readonly defaultTimeoutMs: number;
  readonly logger: Logger;
  /** Aborted at shutdown so long tool calls stop instead of running into SIGKILL. */
  readonly shutdownSignal: AbortSignal;
}

/**
 * The only place that touches the SDK's McpServer, so an SDK major upgrade changes this
 * file and the transports, never the modules' tool code.
 */
export function createMcpServer(identity: ServerIdentity, runtime: ToolRuntime): McpServer {
  const server = new McpServer(
    { name: identity.name, version: identity.version },
    identity.instructions === undefined ? {} : { instructions: identity.instructions },
  );
  for (const tool of runtime.tools) {
    server.registerTool(
      tool.name,
      {
        ...(tool.title === undefined ? {} : { title: tool.title }),
        description: tool.description,
        inputSchema: tool.inputSchema,
        ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
      },
      async (args: unknown, extra: { signal: AbortSignal }) =>
        (await runTool(tool, args, extra.signal, runtime)) as CallToolResult,
    );
  }
  return server;
}

class ToolTimeoutError extends Error {}

async function runTool(
  tool: ToolDefinition,
  args: unknown,
  requestSignal: AbortSignal,
  runtime: ToolRuntime,
): Promise<ToolResult> {
  const timeoutMs = tool.timeoutMs ?? runtime.defaultTimeoutMs;
  const timeout = new AbortController();
  const signal = AbortSignal.any([requestSignal, timeout.signal, runtime.shutdownSignal]);
  const logger = runtime.logger.child({ tool: tool.name });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ToolTimeoutError(`Tool "${tool.name}" timed out after ${timeoutMs} ms`);
      timeout.abort(error);
      reject(error);
    }, timeoutMs);
  });
  // Deferred so a synchronous throw is caught like a rejection.
  const work = Promise.resolve().then(() => tool.handler(args, { signal, logger }));
  // A handler that ignores its signal still loses the race, so the client gets an answer;
  // its late rejection, if any, must not become an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timedOut]);
  } catch (error) {
    // A failing tool is reported to the model as a tool error; the server keeps serving.
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ToolTimeoutError) {
      logger.warn({ timeoutMs }, 'tool timed out');
    } else {
      logger.error({ err: error }, 'tool failed');
    }
    return errorResult(error instanceof ToolTimeoutError ? message : `Tool "${tool.name}" failed: ${message}`);
  } finally {
    clearTimeout(timer);
  }
}
