export type BodyResult =
  | { kind: 'ok'; value: unknown }
  | { kind: 'too-large' }
  | { kind: 'invalid-json' }
  | { kind: 'unsupported-media-type' };

/**
 * Reads and parses a JSON body with a hard size cap, so one client cannot make a replica buffer an
 * unbounded payload: the stream is read chunk by chunk and reading stops at the cap. The caller answers
 * 413 with `Connection: close` so the half-read connection is not reused.
 */
export async function readWebJsonBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) return { kind: 'unsupported-media-type' };
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return { kind: 'too-large' };
  if (request.body === null) return { kind: 'invalid-json' };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { kind: 'too-large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { kind: 'ok', value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    return { kind: 'invalid-json' };
  }
}
