import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Bearer-token check. Both sides are hashed first so timingSafeEqual always compares
 * equal-length buffers: comparing raw values would leak the token length through the
 * early length check.
 */
export function createBearerAuth(expectedToken: string): (req: IncomingMessage) => boolean {
  const expectedDigest = digest(expectedToken);
  return (req) => {
    const presented = extractBearer(req.headers.authorization);
    if (presented === undefined) return false;
    return timingSafeEqual(digest(presented), expectedDigest);
  };
}

function extractBearer(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
