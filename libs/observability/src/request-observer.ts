import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { TenantContext } from '@app/tenancy';
import { HealthService } from './health.service';
import { ObservabilitySettings } from './observability.settings';
import { PlatformMetrics } from './platform-metrics';

/** The request logger's view of a request: method and route pattern (never the URL: ids, tokens, query strings). */
export function serializeRequest(req: FastifyRequest | { method?: string }): { [key: string]: unknown } {
  return { method: req.method, route: (req as FastifyRequest).routeOptions?.url ?? null };
}

/** Of a response, only its status. */
export function serializeResponse(res: FastifyReply | { statusCode?: number }): { [key: string]: unknown } {
  return { status: res.statusCode };
}

/**
 * Installs what operators see of each request, in two Fastify hooks:
 * - before the tenancy hook, `/healthz`, `/readyz` (and `/metrics` with its
 *   token) are answered for any Host, so that probes need no tenant and the
 *   answers disclose none;
 * - `onResponse` (after the response has gone out, off the latency path)
 *   counts the request by tenant and route pattern and writes one log line.
 */
@Injectable()
export class RequestObserver {
  private readonly token?: Buffer;

  constructor(
    private readonly metrics: PlatformMetrics,
    private readonly health: HealthService,
    private readonly context: TenantContext,
    settings: ObservabilitySettings,
  ) {
    this.token = settings.METRICS_TOKEN ? Buffer.from(`Bearer ${settings.METRICS_TOKEN}`) : undefined;
  }

  /** Call before the tenancy hook is installed: hooks run in the order they were added. */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (req, reply, done) => {
      switch (req.url) {
        case '/healthz':
          return void this.send(reply, 200, { status: 'ok' });
        case '/readyz':
          return void this.readyz(reply);
        case '/metrics':
          if (this.token) return void this.metricsWithToken(req, reply);
      }
      done();
    });
    fastify.addHook('onResponse', (req, reply, done) => {
      // Probes every few seconds would drown the figures and the logs.
      if (req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics') return done();
      const tenant = this.context.hasTenant ? this.context.tenant.slug : 'none';
      const route = req.routeOptions.url ?? 'unmatched';
      const seconds = reply.elapsedTime / 1000;
      this.metrics.request(tenant, route, req.method, reply.statusCode, seconds);
      req.log.info({ tenant, req, res: reply, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
      done();
    });
  }

  private async readyz(reply: FastifyReply): Promise<void> {
    const { ready, checks } = await this.health.readiness();
    this.send(reply, ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable', checks });
  }

  private async metricsWithToken(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    if (given.length !== this.token!.length || !timingSafeEqual(given, this.token!)) {
      return this.send(reply, 401, { statusCode: 401, error: 'Unauthorized' });
    }
    void reply
      .code(200)
      .header('content-type', this.metrics.contentType)
      .header('cache-control', 'no-store')
      .send(await this.metrics.text());
  }

  private send(reply: FastifyReply, status: number, body: object): void {
    void reply
      .code(status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(body));
  }
}
