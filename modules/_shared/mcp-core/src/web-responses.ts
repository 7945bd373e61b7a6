/** Response builders of the web-standard handler, in the same shapes as http-responses.ts. */
export function jsonResponse(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

export function jsonRpcErrorResponse(
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
  code = -32000,
  id: string | number | null = null,
): Response {
  return jsonResponse(status, { jsonrpc: '2.0', error: { code, message }, id }, headers);
}
