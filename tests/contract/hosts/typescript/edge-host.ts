// A module's src/edge.ts in miniature, behind a stand-in for Supabase's API gateway: requests arrive
// at /functions/v1/contract-host/..., the gateway strips /functions/v1 as Supabase's does, and the
// function serves /contract-host/... (MCP_BASE_PATH, when a case sets it, nests below that).
import { serveEdge } from '@app/mcp-core/edge';
import { contractServer } from './contract-tools.js';

await serveEdge(contractServer, { functionName: 'contract-host', gateway: stripFunctionsPrefix });

function stripFunctionsPrefix(fetch: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return (request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith('/functions/v1/')) return fetch(request);
    url.pathname = url.pathname.slice('/functions/v1'.length);
    return fetch(new Request(url, request));
  };
}
