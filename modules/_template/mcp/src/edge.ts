import { serveEdge } from '@app/mcp-core/edge';
import { serverOptions } from './server.js';

// The Supabase Edge Function entry: the same tools as index.ts, served by Deno. `npm run build:edge`
// bundles it into dist/edge/index.js, the one file deployed; see docs/edge.md.
await serveEdge(serverOptions, { functionName: 'mcp-module-name' });
