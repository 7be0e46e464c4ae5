import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  /** Latencies of 2xx responses in ms, with sub-millisecond precision (autocannon's own histogram is whole ms). */
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Server CPU time (user + system) per request, microseconds; filled in by the caller. */
  cpuUs: number;
}

export interface LoadOptions {
  port: number;
  path: string;
  host?: string;
  seconds: number;
  connections: number;
  /** POST bodies etc. (the reports section); GET with no body when omitted. */
  method?: 'GET' | 'POST';
  body?: Buffer;
  headers?: Record<string, string>;
  /** When set, every request carries a `user-agent` of one of this many values in turn (distinct anonymous clients). */
  userAgents?: number;
}

/** One autocannon run against 127.0.0.1, bounded by `seconds` (plus a hard stop). */
export async function load({
  port,
  path,
  host,
  seconds,
  connections,
  method,
  body,
  headers,
  userAgents,
}: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let sent = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections,
    duration: seconds,
    headers: { ...(host ? { host } : {}), ...(headers ?? {}) },
    ...(method ? { method } : {}),
    ...(body ? { body } : {}),
    ...(userAgents
      ? {
          requests: [
            {
              setupRequest: (req: { headers?: Record<string, string> }) => ({
                ...req,
                headers: { ...(req.headers ?? {}), 'user-agent': `replika-bench/${sent++ % userAgents}` },
              }),
            },
          ],
        }
      : {}),
    timeout: 10,
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  const hardStop = setTimeout(() => instance.stop(), (seconds + 15) * 1000);
  try {
    const result = await instance;
    latencies.sort((a, b) => a - b);
    return {
      rps: result.requests.total / result.duration,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      cpuUs: NaN,
    };
  } finally {
    clearTimeout(hardStop);
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
