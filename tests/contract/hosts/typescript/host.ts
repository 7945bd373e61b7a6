// A module's src/index.ts in miniature: the environment contract decides everything else.
import { runServer } from '@app/mcp-core';
import { contractServer } from './contract-tools.js';

await runServer(contractServer);
