import { completable, McpServer, ResourceTemplate, type CallToolResult, type ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Logger } from './logging.js';
import type { PromptDefinition, ResourceDefinition } from './resources.js';
import { errorResult, type ClientLogLevel, type ToolDefinition, type ToolResult } from './tools.js';

export interface ServerIdentity {
  readonly name: string;
  readonly version: string;
  readonly instructions?: string | undefined;
}

export type ToolOutcome = 'ok' | 'error' | 'threw' | 'timeout';

export interface ToolRuntime {
  readonly tools: readonly ToolDefinition[];
  readonly resources: readonly ResourceDefinition[];
  readonly prompts: readonly PromptDefinition[];
  readonly defaultTimeoutMs: number;
  readonly logger: Logger;
  /** Aborted at shutdown so long tool calls stop instead of running into SIGKILL. */
  readonly shutdownSignal: AbortSignal;
  readonly onToolCall?: (tool: string, outcome: ToolOutcome, seconds: number) => void;
}

/**
 * The only place that touches the SDK's McpServer (2.x, which serves protocol 2026-07-28
 * and the 2025 revisions), so an SDK upgrade changes this file and the transports, never
 * the modules' tool code. One instance serves one HTTP request (or one legacy SSE session).
 */
export function createMcpServer(identity: ServerIdentity, runtime: ToolRuntime): McpServer {
  const server = new McpServer(
    { name: identity.name, version: identity.version },
    {
      // logging: tools may send notifications/message (ToolContext.log).
      capabilities: { logging: {} },
      ...(identity.instructions === undefined ? {} : { instructions: identity.instructions }),
    },
  );
  for (const tool of runtime.tools) {
    server.registerTool(
      tool.name,
      {
        ...(tool.title === undefined ? {} : { title: tool.title }),
        description: tool.description,
        inputSchema: inputSchemaOf(tool),
        ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
      },
      async (args: unknown, ctx: ServerContext) => (await runTool(tool, args, ctx, runtime)) as CallToolResult,
    );
  }
  for (const resource of runtime.resources) registerResource(server, resource, runtime);
  for (const prompt of runtime.prompts) registerPrompt(server, prompt, runtime);
  return server;
}

/**
 * The tool's argument schema as one object schema, built once per tool: given the raw shape, the SDK would
 * build it (and zod compile its parser) again for every request's fresh server.
 */
const inputSchemas = new WeakMap<ToolDefinition, z.ZodObject>();

function inputSchemaOf(tool: ToolDefinition): z.ZodObject {
  let schema = inputSchemas.get(tool);
  if (schema === undefined) inputSchemas.set(tool, (schema = z.object(tool.inputSchema)));
  return schema;
}

/** What a module declares, as both transports (Node server, fetch handler) take it. */
export interface ModuleDeclaration extends ServerIdentity {
  readonly tools: readonly ToolDefinition[];
  readonly resources?: readonly ResourceDefinition[] | undefined;
  readonly prompts?: readonly PromptDefinition[] | undefined;
}

/** One fresh McpServer per request (or legacy SSE session) for a module, as both transports need. */
export function mcpServerFactory(
  module: ModuleDeclaration,
  runtime: Omit<ToolRuntime, 'tools' | 'resources' | 'prompts'>,
): () => McpServer {
  const identity = { name: module.name, version: module.version, instructions: module.instructions };
  return () =>
    createMcpServer(identity, {
      ...runtime,
      tools: module.tools,
      resources: module.resources ?? [],
      prompts: module.prompts ?? [],
    });
}

function registerResource(server: McpServer, resource: ResourceDefinition, runtime: ToolRuntime): void {
  const metadata = {
    ...(resource.title === undefined ? {} : { title: resource.title }),
    description: resource.description,
    ...(resource.mimeType === undefined ? {} : { mimeType: resource.mimeType }),
  };
  const context = (ctx: ServerContext) => ({
    signal: AbortSignal.any([ctx.mcpReq.signal, runtime.shutdownSignal]),
    logger: runtime.logger.child({ resource: resource.name }),
  });
  if (resource.isTemplate) {
    const template = new ResourceTemplate(resource.uri, {
      list: undefined,
      ...(resource.complete === undefined ? {} : { complete: { ...resource.complete } }),
    });
    server.registerResource(resource.name, template, metadata, async (uri, variables, ctx) => ({
      contents: await resource.read(uri, variables, context(ctx)),
    }));
  } else {
    server.registerResource(resource.name, resource.uri, metadata, async (uri, ctx) => ({
      contents: await resource.read(uri, {}, context(ctx)),
    }));
  }
}

/** completable() marks the schema object itself, so it runs once per prompt, not per server instance. */
const promptArgs = new WeakMap<PromptDefinition, Record<string, z.ZodType>>();

function argsSchemaOf(prompt: PromptDefinition): Record<string, z.ZodType> | undefined {
  if (prompt.arguments === undefined) return undefined;
  let schema = promptArgs.get(prompt);
  if (schema === undefined) {
    schema = {};
    for (const [name, field] of Object.entries(prompt.arguments)) {
      const complete = prompt.complete?.[name];
      schema[name] = complete === undefined ? field : (completable(field, (value) => complete(String(value ?? ''))) as z.ZodType);
    }
    promptArgs.set(prompt, schema);
  }
  return schema;
}

function registerPrompt(server: McpServer, prompt: PromptDefinition, runtime: ToolRuntime): void {
  const argsSchema = argsSchemaOf(prompt);
  const callback = async (args: unknown, ctx: ServerContext) => ({
    messages: await prompt.handler(args, {
      signal: AbortSignal.any([ctx.mcpReq.signal, runtime.shutdownSignal]),
      logger: runtime.logger.child({ prompt: prompt.name }),
    }),
  });
  const config = {
    ...(prompt.title === undefined ? {} : { title: prompt.title }),
    description: prompt.description,
  };
  if (argsSchema === undefined) {
    server.registerPrompt(prompt.name, config, (ctx: ServerContext) => callback({}, ctx));
  } else {
    server.registerPrompt(prompt.name, { ...config, argsSchema }, callback);
  }
}

class ToolTimeoutError extends Error {}

/** The path of the first Infinity or NaN in `value`, if any. */
function nonFiniteNumber(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFiniteNumber(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

async function runTool(tool: ToolDefinition, args: unknown, ctx: ServerContext, runtime: ToolRuntime): Promise<ToolResult> {
  const started = performance.now();
  const timeoutMs = tool.timeoutMs ?? runtime.defaultTimeoutMs;
  const timeout = new AbortController();
  const signal = AbortSignal.any([ctx.mcpReq.signal, timeout.signal, runtime.shutdownSignal]);
  const logger = runtime.logger.child({ tool: tool.name });
  const progressToken = ctx.mcpReq._meta?.progressToken;
  const toolContext = {
    signal,
    logger,
    log: (level: ClientLogLevel, data: unknown) => ctx.mcpReq.log(level, data).catch(() => undefined),
    progress: async (progress: number, total?: number, message?: string) => {
      if (progressToken === undefined) return;
      await ctx.mcpReq
        .notify({
          method: 'notifications/progress',
          params: {
            progressToken,
            progress,
            ...(total === undefined ? {} : { total }),
            ...(message === undefined ? {} : { message }),
          },
        })
        .catch(() => undefined);
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ToolTimeoutError(`Tool "${tool.name}" timed out after ${timeoutMs} ms`);
      timeout.abort(error);
      reject(error);
    }, timeoutMs);
  });
  // Deferred so a synchronous throw is caught like a rejection.
  const work = Promise.resolve().then(() => tool.handler(args, toolContext));
  // A handler that ignores its signal still loses the race, so the client gets an answer;
  // its late rejection, if any, must not become an unhandled rejection.
  work.catch(() => undefined);
  let outcome: ToolOutcome = 'ok';
  try {
    const result = await Promise.race([work, timedOut]);
    const unrepresentable = nonFiniteNumber(result.structuredContent, 'structuredContent');
    if (unrepresentable !== undefined) {
      // JSON has no Infinity or NaN: sent as is, the value would reach the client as null, a wrong success.
      outcome = 'error';
      logger.warn({ field: unrepresentable }, 'tool result holds a number JSON cannot carry');
      return errorResult(`Tool "${tool.name}" returned a number JSON cannot carry (Infinity or NaN) in ${unrepresentable}.`);
    }
    if (result.isError === true) outcome = 'error';
    return result;
  } catch (error) {
    // A failing tool is reported to the model as a tool error; the server keeps serving.
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ToolTimeoutError) {
      outcome = 'timeout';
      logger.warn({ timeoutMs }, 'tool timed out');
    } else {
      outcome = 'threw';
      logger.error({ err: error }, 'tool failed');
    }
    return errorResult(error instanceof ToolTimeoutError ? message : `Tool "${tool.name}" failed: ${message}`);
  } finally {
    clearTimeout(timer);
    runtime.onToolCall?.(tool.name, outcome, (performance.now() - started) / 1000);
  }
}
