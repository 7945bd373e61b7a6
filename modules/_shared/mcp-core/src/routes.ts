/** The endpoints the fetch handler serves, by path. */
export type Route = 'health' | 'ready' | 'metrics' | 'mcp' | 'sse' | 'messages' | 'resource-metadata';

export const RESOURCE_METADATA = '/.well-known/oauth-protected-resource';

export interface RouteOptions {
  /** RFC 9728 metadata for the bearer-protected endpoints. */
  readonly resourceMetadata: boolean;
  /** Prometheus text on /metrics. */
  readonly metrics: boolean;
}

export function routeTable(basePath: string, options: RouteOptions): Map<string, Route> {
  const table = new Map<string, Route>([
    // Probes are also answered at the root so platform health checks need no prefix.
    ['/health', 'health'],
    ['/ready', 'ready'],
  ]);
  for (const route of ['health', 'ready', 'mcp', 'sse', 'messages'] as const) {
    table.set(`${basePath}/${route}`, route);
  }
  if (options.resourceMetadata) {
    table.set(RESOURCE_METADATA, 'resource-metadata');
    table.set(`${RESOURCE_METADATA}${basePath}/mcp`, 'resource-metadata');
  }
  if (options.metrics) {
    table.set('/metrics', 'metrics');
    table.set(`${basePath}/metrics`, 'metrics');
  }
  return table;
}
