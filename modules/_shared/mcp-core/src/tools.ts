import type { z } from 'zod';
import type { Logger } from './logging.js';

/** A tool's input: a plain object of zod (v4) schemas, one per argument. */
export type ZodRawShape = Record<string, z.ZodType>;

/** The contents of a resource: text, or binary as base64 in `blob`. */
export type ResourceContents =
  | { uri: string; mimeType?: string; text: string }
  | { uri: string; mimeType?: string; blob: string };

export type ToolContent =
  | { type: 'text'; text: string }
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'audio'; data: string; mimeType: string }
  | { type: 'resource'; resource: ResourceContents };

/** MCP (RFC 5424) log levels a tool may send to the client. */
export type ClientLogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'critical' | 'alert' | 'emergency';

/** What a tool handler returns; mirrors MCP's CallToolResult without exposing SDK types. */
export interface ToolResult {
  content: ToolContent[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** Behaviour hints shown to clients (MCP ToolAnnotations); none are enforced. */
export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface ToolContext {
  /** Aborted when the client cancels, the per-tool timeout fires, or the server shuts down. */
  readonly signal: AbortSignal;
  /** Request-scoped logger (already carries the tool name). Never log secrets. */
  readonly logger: Logger;
  /**
   * Sends an MCP log notification to the calling client (shown in its log pane; not our stdout).
   * Delivered while the call is open; a no-op for clients that cannot receive it.
   */
  log(level: ClientLogLevel, data: unknown): Promise<void>;
  /** Reports progress if the client asked for it (sent a progress token); otherwise a no-op. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
}

export interface ToolSpec<Shape extends ZodRawShape> {
  /** 1-128 characters of A-Z a-z 0-9 _ - . (MCP tool-name guidance). */
  name: string;
  title?: string;
  description: string;
  inputSchema: Shape;
  annotations?: ToolAnnotations;
  /** Overrides MCP_TOOL_TIMEOUT_MS for this tool. */
  timeoutMs?: number;
  handler: (args: z.output<z.ZodObject<Shape>>, ctx: ToolContext) => Promise<ToolResult> | ToolResult;
}

/** A tool with its argument types erased, ready to hand to startServer. */
export interface ToolDefinition {
  readonly name: string;
  readonly title: string | undefined;
  readonly description: string;
  readonly inputSchema: ZodRawShape;
  readonly annotations: ToolAnnotations | undefined;
  readonly timeoutMs: number | undefined;
  readonly handler: (args: unknown, ctx: ToolContext) => Promise<ToolResult> | ToolResult;
}

const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

export function defineTool<Shape extends ZodRawShape>(spec: ToolSpec<Shape>): ToolDefinition {
  if (!TOOL_NAME.test(spec.name)) {
    throw new TypeError(`Invalid tool name "${spec.name}": use 1-128 characters of A-Z a-z 0-9 _ - .`);
  }
  if (spec.timeoutMs !== undefined && !(Number.isInteger(spec.timeoutMs) && spec.timeoutMs > 0)) {
    throw new TypeError(`Tool "${spec.name}": timeoutMs must be a positive integer`);
  }
  return Object.freeze({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    inputSchema: spec.inputSchema,
    annotations: spec.annotations,
    timeoutMs: spec.timeoutMs,
    // Arguments are validated against inputSchema before the handler runs.
    handler: spec.handler as ToolDefinition['handler'],
  });
}

/** A successful result with one text block. */
export function textResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }] };
}

/** A successful result carrying `value` both as JSON text (for older clients) and structured. */
export function jsonResult(value: Record<string, unknown>): ToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

/** A failed result the model can read and react to; use for expected failures. */
export function errorResult(message: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

export function assertUniqueToolNames(tools: readonly ToolDefinition[]): void {
  const seen = new Set<string>();
  for (const tool of tools) {
    if (seen.has(tool.name)) throw new TypeError(`Duplicate tool name "${tool.name}"`);
    seen.add(tool.name);
  }
}
