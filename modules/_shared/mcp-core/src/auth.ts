import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Bearer check against several accepted keys (on the Edge: the project's anon key, its publishable keys and
 * MCP_AUTH_TOKEN; on Node: MCP_AUTH_TOKEN). Every key is hashed first and all digests are compared in full
 * (no early exit on length or on the first match), so timing reveals neither a key's length nor which key
 * matched. node:crypto, which Deno provides too: a synchronous hash costs microseconds, where Web Crypto's
 * asynchronous digest was the largest single cost of a tools/call (bench/mcp-core).
 */
export function createBearerAuth(acceptedTokens: readonly string[]): (authorization: string | null) => boolean {
  const expected = acceptedTokens.map(digest);
  return (authorization) => {
    const presented = extractBearer(authorization);
    if (presented === undefined) return false;
    const actual = digest(presented);
    let matched = false;
    for (const candidate of expected) matched = timingSafeEqual(candidate, actual) || matched;
    return matched;
  };
}

function extractBearer(header: string | null): string | undefined {
  if (header === null) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
