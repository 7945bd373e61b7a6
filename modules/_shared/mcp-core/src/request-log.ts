import { traceLogFields } from './trace.js';

/** What the handler learned about a request while serving it (the JSON-RPC method and tool, when any). */
export interface RequestDetails {
  rpcMethod?: string;
  tool?: string;
}

/**
 * The fields of the one `request` line per request: the runtime contract's log schema, with Cloud Logging's
 * `httpRequest` (shown as the entry's request line) and trace fields.
 */
export function requestLogFields(
  request: Request,
  path: string,
  requestId: string,
  details: RequestDetails,
  status: number,
  seconds: number,
  project: string,
): Record<string, unknown> {
  const userAgent = request.headers.get('user-agent');
  return {
    requestId,
    method: request.method,
    path,
    ...details,
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
    httpRequest: {
      requestMethod: request.method,
      requestUrl: path,
      status,
      latency: `${seconds.toFixed(6)}s`,
      ...(userAgent === null ? {} : { userAgent }),
    },
    ...traceLogFields(request.headers, project),
  };
}

/**
 * Calls `done` once the response's body has been delivered or abandoned. An event stream (an SSE session,
 * a Streamable HTTP answer) is wrapped so its end is seen, and the request line carries the time the tool
 * work took, not the time to the first byte; any other body is complete already.
 */
export function whenDelivered(response: Response, done: () => void): Response {
  const body = response.body;
  if (body === null || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    done();
    return response;
  }
  const reader = body.getReader();
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done();
  };
  const delivered = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done: ended, value } = await reader.read();
          if (ended) {
            controller.close();
            finish();
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          controller.error(error);
          finish();
        }
      },
      cancel(reason) {
        finish();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(delivered, { status: response.status, statusText: response.statusText, headers: response.headers });
}
