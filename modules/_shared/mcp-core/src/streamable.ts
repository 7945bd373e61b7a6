import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { sendJsonRpcError } from './http-responses.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/**
 * Stateless Streamable HTTP: a fresh server and transport per POST, no session id, so
 * any replica can answer any request and nothing has to be shared or drained.
 */
export async function handleStreamablePost(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  createServer: () => McpServer,
): Promise<void> {
  const server = createServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}

/**
 * GET would open a server-to-client stream and DELETE would end a session; a stateless
 * server has neither, so both get 405 as the SDK's stateless examples answer.
 */
export function rejectStreamableMethod(res: ServerResponse): void {
  sendJsonRpcError(res, 405, 'Method not allowed.', { Allow: 'POST' });
}
