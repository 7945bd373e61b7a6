/** Checks both HTTP front ends (Node and web-standard) run on a parsed body before the SDK sees it. */

/** A JSON-RPC message is an object with `jsonrpc: "2.0"`; a batch is a non-empty array of them. */
export function isJsonRpcShaped(value: unknown): boolean {
  const isMessage = (item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item) && (item as { jsonrpc?: unknown }).jsonrpc === '2.0';
  return Array.isArray(value) ? value.length > 0 && value.every(isMessage) : isMessage(value);
}

/**
 * MCP params are always an object. The SDK answers a missing or non-object `initialize`
 * params with -32603 (internal error); the client's mistake deserves -32602.
 */
export function invalidParams(value: unknown): string | undefined {
  for (const message of Array.isArray(value) ? value : [value]) {
    const { method, params } = message as { method?: unknown; params?: unknown };
    if (typeof method !== 'string') continue;
    if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
      return `"${method}" params must be an object`;
    }
    if (method === 'initialize' && typeof (params as { protocolVersion?: unknown } | undefined)?.protocolVersion !== 'string') {
      return 'initialize needs params.protocolVersion, params.capabilities and params.clientInfo';
    }
  }
  return undefined;
}

export function requestIdOf(value: unknown): string | number | null {
  const id = Array.isArray(value) ? undefined : (value as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
