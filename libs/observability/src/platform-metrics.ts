import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Where the pool and queue figures come from, read when Prometheus scrapes (never on a request). */
export interface MetricsSources {
  pool(): { total: number; idle: number; waiting: number } | undefined;
  queueDepth(): Promise<Record<string, number>>;
}

/**
 * The platform's Prometheus metrics, in a registry of its own (several
 * platforms in one test process do not share counts). Label values are
 * tenant slugs and route patterns, never raw URLs: ids and tokens in paths
 * would leak into the metrics and explode their number.
 */
@Injectable()
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'replika_http_requests_total',
    help: 'HTTP requests by tenant, route pattern, method and status',
    labelNames: ['tenant', 'route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'replika_http_request_duration_seconds',
    help: 'HTTP response time by tenant and route pattern',
    labelNames: ['tenant', 'route', 'method'] as const,
    registers: [this.registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  private readonly submitted = new Counter({
    name: 'replika_reports_submitted_total',
    help: 'Reports submitted (every channel)',
    labelNames: ['tenant'] as const,
    registers: [this.registry],
  });
  private readonly closed = new Counter({
    name: 'replika_reports_closed_total',
    help: 'Reports moved to a closed status',
    labelNames: ['tenant'] as const,
    registers: [this.registry],
  });
  private readonly breaches = new Counter({
    name: 'replika_sla_breaches_total',
    help: "Reports escalated past their due time plus the tenant's escalation hours",
    labelNames: ['tenant'] as const,
    registers: [this.registry],
  });
  private sources?: MetricsSources;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // prom-client calls collect() with the gauge as `this`; the sources are read through this arrow.
    const sources = () => this.sources;
    new Gauge({
      name: 'replika_job_queue_depth',
      help: 'Jobs waiting (queued or waiting for a retry) by kind',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const depths =
          (await sources()
            ?.queueDepth()
            .catch((): Record<string, number> => ({}))) ?? {};
        for (const [queue, n] of Object.entries(depths)) this.set({ queue }, n);
      },
    });
    new Gauge({
      name: 'replika_db_pool_connections',
      help: "The application's database pool: open, idle, and callers waiting for a connection",
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = sources()?.pool();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }

  setSources(sources: MetricsSources): void {
    this.sources = sources;
  }

  request(tenant: string, route: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ tenant, route, method, status });
    this.latency.observe({ tenant, route, method }, seconds);
  }

  reportSubmitted(tenant: string): void {
    this.submitted.inc({ tenant });
  }

  reportClosed(tenant: string): void {
    this.closed.inc({ tenant });
  }

  slaBreached(tenant: string, count = 1): void {
    this.breaches.inc({ tenant }, count);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
