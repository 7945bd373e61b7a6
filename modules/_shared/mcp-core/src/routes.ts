import type { McpConfig } from './config.js';

/** The endpoints every HTTP front end serves (Node and web-standard), by path. */
export type Route = 'health' | 'ready' | 'metrics' | 'mcp' | 'sse' | 'messages' | 'resource-metadata';

export const RESOURCE_METADATA = '/.well-known/oauth-protected-resource';

export function routeTable(config: McpConfig, authEnabled: boolean): Map<string, Route> {
  const { basePath } = config;
  const table = new Map<string, Route>([
    // Probes are also answered at the root so platform health checks need no prefix.
    ['/health', 'health'],
    ['/ready', 'ready'],
  ]);
  for (const route of ['health', 'ready', 'mcp', 'sse', 'messages'] as const) {
    table.set(`${basePath}/${route}`, route);
  }
  if (authEnabled) {
    table.set(RESOURCE_METADATA, 'resource-metadata');
    table.set(`${RESOURCE_METADATA}${basePath}/mcp`, 'resource-metadata');
  }
  if (config.metrics) {
    table.set('/metrics', 'metrics');
    table.set(`${basePath}/metrics`, 'metrics');
  }
  return table;
}
