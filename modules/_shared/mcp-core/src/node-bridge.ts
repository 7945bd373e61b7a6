import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonResponse, jsonRpcErrorResponse } from './web-responses.js';

/** The web-standard handler the bridge serves: the same one Deno.serve takes on the Edge. */
export type FetchFunction = (request: Request) => Promise<Response>;

/**
 * Serves a web-standard fetch handler from node:http, so the Node server and the Edge entry run one
 * request path: the IncomingMessage becomes a Request (headers as received, the body streamed, not
 * buffered, so the handler's own size cap applies; `request.signal` aborts when the client goes away),
 * and the Response is written back (event streams chunk by chunk with backpressure, cancelled on
 * disconnect; other bodies in one write with their Content-Length). Everything MCP (routes, guards,
 * auth, limits, JSON-RPC checks, logs) lives in the handler, none of it here.
 */
export function toNodeListener(fetch: FetchFunction, onError: (error: unknown) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(fetch, req, res).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) void write(jsonRpcErrorResponse(500, 'Internal server error.', {}, -32603), res);
      else res.destroy();
    });
  };
}

async function serve(fetch: FetchFunction, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req.url);
  if (url === undefined) {
    // Only an unparseable request-target gets here; a web Request always has a valid URL.
    await write(jsonResponse(400, { error: 'Bad request URL' }), res);
    return;
  }
  const disconnected = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) disconnected.abort(new Error('client closed the connection'));
  };
  res.once('close', onClose);
  const method = req.method ?? 'GET';
  const request = new Request(url, {
    method,
    headers: requestHeaders(req.rawHeaders),
    signal: disconnected.signal,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: requestBody(req), duplex: 'half' }),
  } as RequestInit);
  await write(await fetch(request), res);
  // A body the handler did not read (an early answer) is discarded so a keep-alive connection can go on.
  if (!req.complete) req.resume();
}

/** Origin-form targets keep their path as sent (`//a/b` is a path, not a host); absolute-form is parsed as is. */
function requestUrl(target: string | undefined): string | undefined {
  try {
    const raw = target ?? '/';
    return raw.startsWith('/') ? new URL(`http://localhost${raw}`).href : new URL(raw).href;
  } catch {
    return undefined;
  }
}

function requestHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  return headers;
}

/** Bytes held for the handler before the socket is paused: a usual JSON-RPC body fits without a pause. */
const BODY_QUEUE: QueuingStrategy<Uint8Array> = { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength };

/** The request body as a byte stream that pauses the socket while the handler is not reading. */
function requestBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (settled) return;
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => {
        if (settled) return;
        settled = true;
        controller.close();
      });
      req.once('close', () => {
        if (settled) return;
        settled = true;
        controller.error(new Error('the client closed the request before its body ended'));
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      // The handler stopped reading (a body over the limit): stop buffering, keep the socket for the answer.
      settled = true;
      req.pause();
    },
  }, BODY_QUEUE);
}

async function write(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 1) headers['set-cookie'] = cookies;
  if (response.body === null) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    headers['content-length'] = String(bytes.byteLength);
    res.writeHead(response.status, headers);
    res.end(bytes);
    return;
  }
  await stream(response.body, response.status, headers, res);
}

/**
 * An event stream. A Streamable HTTP answer is usually complete at once (its one event, then the end): what
 * the body yields before the event loop turns goes out in one write with its Content-Length, a third of the
 * system calls of a chunked stream. A stream still open after that (SSE sessions, slow tools) is written
 * chunk by chunk as it comes, waiting for the socket to drain; a disconnect cancels the body.
 */
async function stream(body: ReadableStream<Uint8Array>, status: number, headers: Record<string, string | string[]>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  const early: Uint8Array[] = [];
  let pending: ReturnType<typeof reader.read> | undefined;
  for (;;) {
    const next = reader.read();
    const result = await Promise.race([next, nextTurn()]);
    if (result === undefined) {
      pending = next;
      break;
    }
    if (result.done) {
      const bytes = Buffer.concat(early);
      res.writeHead(status, { ...headers, 'content-length': String(bytes.byteLength) });
      res.end(bytes);
      return;
    }
    early.push(result.value);
  }

  res.writeHead(status, headers);
  for (const chunk of early) res.write(chunk);
  if (early.length === 0) res.flushHeaders();
  const cancel = () => void reader.cancel().catch(() => undefined);
  res.once('close', cancel);
  try {
    for (;;) {
      const { done, value } = await (pending ?? reader.read());
      pending = undefined;
      if (done || res.destroyed) break;
      if (!res.write(value)) await drained(res);
    }
  } catch {
    // The body errored: end the response with what was sent.
  } finally {
    res.off('close', cancel);
    res.end();
  }
}

/** Resolves after the current turn of the event loop, once pending I/O callbacks have run. */
function nextTurn(): Promise<undefined> {
  return new Promise((resolve) => setImmediate(resolve, undefined));
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
