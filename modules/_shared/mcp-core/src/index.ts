/**
 * Public API of mcp-core. Modules import only from here (and `./testing` in tests); the
 * MCP SDK stays behind this surface so an SDK major upgrade does not touch module code.
 */
export { defineTool, textResult, jsonResult, errorResult } from './tools.js';
export type {
  ToolDefinition,
  ToolSpec,
  ToolResult,
  ToolContent,
  ToolContext,
  ToolAnnotations,
  ZodRawShape,
  ResourceContents,
  ClientLogLevel,
} from './tools.js';
export { defineResource, definePrompt } from './resources.js';
export type { ResourceSpec, ResourceDefinition, ResourceContext, PromptSpec, PromptDefinition, PromptMessage } from './resources.js';
export { startServer } from './server.js';
export type { ServerOptions, RunningServer } from './server.js';
export { runServer } from './run.js';
export { loadConfig, ConfigError } from './config.js';
export type { McpConfig, ConfigDefaults, LogLevel, SecretFileReader } from './config.js';
export { createLogger } from './logging.js';
export type { Logger } from './logging.js';
export { createFetchHandler } from './fetch-handler.js';
export type { FetchHandler, FetchHandlerOptions, FetchHandlerSettings } from './fetch-handler.js';
