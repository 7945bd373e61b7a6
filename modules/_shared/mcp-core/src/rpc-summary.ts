/** What the request log needs from a JSON-RPC payload: the method(s) and a tool name. */
export function describeRpc(body: unknown): { rpcMethod?: string; tool?: string } {
  const messages = Array.isArray(body) ? body : [body];
  const methods: string[] = [];
  let tool: string | undefined;
  for (const message of messages) {
    if (typeof message !== 'object' || message === null) continue;
    const { method, params } = message as { method?: unknown; params?: { name?: unknown } };
    if (typeof method !== 'string') continue;
    methods.push(method);
    if (method === 'tools/call' && typeof params?.name === 'string') tool ??= params.name;
  }
  const result: { rpcMethod?: string; tool?: string } = {};
  if (methods.length > 0) result.rpcMethod = methods.join(',');
  if (tool !== undefined) result.tool = tool;
  return result;
}
