const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const CLOUD_TRACE_CONTEXT = /^([0-9a-f]{32})(?:\/(\d{1,20}))?(?:;o=([01]))?$/i;

/**
 * The Cloud Logging fields that tie a request's log line to its trace (W3C `traceparent`, else
 * Google's `X-Cloud-Trace-Context`). The trace is `projects/<GOOGLE_CLOUD_PROJECT>/traces/<id>` when
 * the project is known (Cloud Logging links only that form), the bare id otherwise.
 */
export function traceLogFields(headers: Headers, project: string): Record<string, string | boolean> {
  let traceId: string | undefined;
  let spanId: string | undefined;
  let sampled: boolean | undefined;
  const parent = headers.get('traceparent')?.trim().toLowerCase();
  const parentMatch = parent === undefined ? null : TRACEPARENT.exec(parent);
  if (parentMatch !== null && !/^0+$/.test(parentMatch[1]!)) {
    traceId = parentMatch[1];
    spanId = parentMatch[2];
    sampled = (Number.parseInt(parentMatch[3]!, 16) & 1) === 1;
  } else {
    const cloud = CLOUD_TRACE_CONTEXT.exec(headers.get('x-cloud-trace-context')?.trim() ?? '');
    if (cloud !== null) {
      traceId = cloud[1]!.toLowerCase();
      // Its span id is decimal; Cloud Logging wants the 16-digit hexadecimal form.
      if (cloud[2] !== undefined && BigInt(cloud[2]) < 2n ** 64n) spanId = BigInt(cloud[2]).toString(16).padStart(16, '0');
      if (cloud[3] !== undefined) sampled = cloud[3] === '1';
    }
  }
  if (traceId === undefined) return {};
  return {
    'logging.googleapis.com/trace': project === '' ? traceId : `projects/${project}/traces/${traceId}`,
    ...(spanId === undefined ? {} : { 'logging.googleapis.com/spanId': spanId }),
    ...(sampled === undefined ? {} : { 'logging.googleapis.com/trace_sampled': sampled }),
  };
}

