/**
 * Bearer check against several accepted keys (on the Edge: the project's anon key, its publishable keys and
 * MCP_AUTH_TOKEN; on Node: MCP_AUTH_TOKEN). The presented token is compared with every accepted key, each
 * over all of the key's characters with no early exit, so the time taken depends only on the accepted keys:
 * not on the presented token's length, on where it first differs, or on which key matched. mcp-core-dotnet
 * compares the same way.
 *
 * Plain JavaScript on purpose: importing node:crypto makes Deno 2.9 start its Node compatibility layer
 * (~35 ms of an Edge Function's cold start), and Web Crypto's asynchronous digest was the largest single
 * cost of a tools/call on Node (bench/mcp-core).
 */
export function createBearerAuth(acceptedTokens: readonly string[]): (authorization: string | null) => boolean {
  const expected = [...acceptedTokens];
  return (authorization) => {
    const presented = extractBearer(authorization);
    if (presented === undefined) return false;
    let matched = false;
    for (const candidate of expected) matched = equalInFixedTime(candidate, presented) || matched;
    return matched;
  };
}

/** True when both strings are equal; every character of `expected` is read whatever `presented` holds. */
export function equalInFixedTime(expected: string, presented: string): boolean {
  let difference = expected.length ^ presented.length;
  const width = Math.max(presented.length, 1);
  for (let index = 0; index < expected.length; index++) {
    // NaN (an empty presented string) becomes 0 under |, and the length difference is already non-zero.
    difference |= expected.charCodeAt(index) ^ presented.charCodeAt(index % width);
  }
  return difference === 0;
}

function extractBearer(header: string | null): string | undefined {
  if (header === null) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}
