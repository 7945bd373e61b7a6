/**
 * Bearer check for the web-standard handler, against several accepted keys (on the Edge: the
 * project's anon key, its publishable keys and MCP_AUTH_TOKEN). Web Crypto only, so it runs
 * unchanged on Deno and Node. Every key is hashed first and all digests are compared in full
 * (no early exit on length or on the first match), so timing reveals neither a key's length nor
 * which key matched.
 */
export async function createWebBearerAuth(acceptedTokens: readonly string[]): Promise<(authorization: string | null) => Promise<boolean>> {
  const expected = await Promise.all(acceptedTokens.map(digest));
  return async (authorization) => {
    const presented = extractBearer(authorization);
    if (presented === undefined) return false;
    const actual = await digest(presented);
    let matched = 0;
    for (const candidate of expected) {
      let difference = 0;
      for (let index = 0; index < candidate.length; index++) difference |= candidate[index]! ^ actual[index]!;
      matched |= difference === 0 ? 1 : 0;
    }
    return matched === 1;
  };
}

function extractBearer(header: string | null): string | undefined {
  if (header === null) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

async function digest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
}
