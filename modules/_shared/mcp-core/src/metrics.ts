/**
 * A minimal Prometheus text-format registry (no dependency): request counts and latency per
 * route and status, tool calls per tool and outcome, open SSE sessions and in-flight requests.
 * Served on GET /metrics when MCP_METRICS=true.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

class Histogram {
  readonly counts = new Array<number>(BUCKETS.length).fill(0);
  count = 0;
  sum = 0;
  observe(seconds: number): void {
    this.count += 1;
    this.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i += 1) if (seconds <= BUCKETS[i]!) this.counts[i]! += 1;
  }
}

export class Metrics {
  readonly #requests = new Map<string, number>();
  readonly #durations = new Map<string, Histogram>();
  readonly #toolCalls = new Map<string, number>();
  readonly #toolDurations = new Map<string, Histogram>();

  constructor(private readonly gauges: { sseSessions: () => number; inFlight: () => number }) {}

  observeRequest(route: string, status: number, seconds: number): void {
    const key = `route="${route}",status="${status}"`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    histogram(this.#durations, `route="${route}"`).observe(seconds);
  }

  observeToolCall(tool: string, outcome: string, seconds: number): void {
    const key = `tool="${escapeLabel(tool)}",outcome="${outcome}"`;
    this.#toolCalls.set(key, (this.#toolCalls.get(key) ?? 0) + 1);
    histogram(this.#toolDurations, `tool="${escapeLabel(tool)}"`).observe(seconds);
  }

  render(): string {
    const lines: string[] = [];
    counter(lines, 'mcp_http_requests_total', 'HTTP requests by route and status.', this.#requests);
    histograms(lines, 'mcp_http_request_duration_seconds', 'HTTP request duration by route.', this.#durations);
    counter(lines, 'mcp_tool_calls_total', 'Tool calls by tool and outcome (ok, error, threw, timeout).', this.#toolCalls);
    histograms(lines, 'mcp_tool_call_duration_seconds', 'Tool call duration by tool.', this.#toolDurations);
    lines.push('# HELP mcp_sse_sessions Open legacy SSE sessions.', '# TYPE mcp_sse_sessions gauge', `mcp_sse_sessions ${this.gauges.sseSessions()}`);
    lines.push('# HELP mcp_inflight_requests HTTP requests being served.', '# TYPE mcp_inflight_requests gauge', `mcp_inflight_requests ${this.gauges.inFlight()}`);
    const memory = process.memoryUsage();
    lines.push('# HELP process_resident_memory_bytes Resident set size.', '# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${memory.rss}`);
    return `${lines.join('\n')}\n`;
  }
}

function histogram(map: Map<string, Histogram>, key: string): Histogram {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = new Histogram()));
  return value;
}

function counter(lines: string[], name: string, help: string, values: Map<string, number>): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
  for (const [labels, value] of values) lines.push(`${name}{${labels}} ${value}`);
}

function histograms(lines: string[], name: string, help: string, values: Map<string, Histogram>): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
  for (const [labels, h] of values) {
    BUCKETS.forEach((le, i) => lines.push(`${name}_bucket{${labels},le="${le}"} ${h.counts[i]}`));
    lines.push(`${name}_bucket{${labels},le="+Inf"} ${h.count}`, `${name}_sum{${labels}} ${h.sum}`, `${name}_count{${labels}} ${h.count}`);
  }
}

function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}
