import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { QuarantinedTenant } from '../config/tenant-resolver';
import { TenancySettings } from '../tenancy.settings';
import { TenantContext } from './tenant-context';
import { TenantRegistry } from './tenant-registry';

/** Renders the page for a host no tenant claims; never any tenant's content. */
export const UNKNOWN_HOST_PAGE = Symbol('UNKNOWN_HOST_PAGE');
export type UnknownHostPage = () => string;

/** Renders the maintenance page of a tenant kept out of service (invalid config, in production). */
export const MAINTENANCE_PAGE = Symbol('MAINTENANCE_PAGE');
export type MaintenancePage = (tenant: QuarantinedTenant) => string;

/** Seconds a client is asked to wait before retrying a tenant under maintenance. */
export const MAINTENANCE_RETRY_AFTER = 300;

/**
 * Picks the tenant from the Host header for every request, before any route,
 * guard or controller runs: an alias redirects to the primary host, an unknown
 * host ends here with 404. It is a Fastify `onRequest` hook rather than Nest
 * middleware: the middleware layer (middie, plus nestjs-cls's async setup)
 * cost more than the rest of a JSON route together (docs/benchmarks.md).
 */
@Injectable()
export class TenancyHook {
  private unknownHostPage: UnknownHostPage = () => '<!doctype html><title>404</title><h1>404</h1>';
  private maintenancePage: MaintenancePage = () => '<!doctype html><html lang="id"><title>503</title><h1>Sedang dalam pemeliharaan</h1></html>';

  constructor(
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly settings: TenancySettings,
  ) {}

  install(fastify: FastifyInstance, unknownHostPage?: UnknownHostPage, maintenancePage?: MaintenancePage): void {
    if (unknownHostPage) this.unknownHostPage = unknownHostPage;
    if (maintenancePage) this.maintenancePage = maintenancePage;
    fastify.addHook('onRequest', (req, reply, done) => this.onRequest(req, reply, done));
  }

  onRequest(req: FastifyRequest, reply: FastifyReply, done: () => void): void {
    const forwarded = this.settings.TRUST_PROXY ? req.headers['x-forwarded-host'] : undefined;
    let match = this.registry.match(forwarded ?? req.headers.host);
    if (!match) {
      // A tenant under maintenance answers for its own hosts: never with another tenant's content.
      const quarantined = this.registry.quarantinedAt(forwarded ?? req.headers.host);
      if (quarantined) return this.underMaintenance(quarantined, req, reply);
    }
    if (!match && this.settings.DEFAULT_TENANT) {
      const fallback = this.registry.get(this.settings.DEFAULT_TENANT);
      if (fallback) match = { tenant: fallback, kind: 'local' };
    }
    if (!match) return this.notFound(req, reply);
    if (match.kind === 'alias') {
      void reply.code(301).header('location', `${this.protocol(req)}://${match.tenant.config.hosts.primary}${req.url}`).send();
      return;
    }
    // The rest of the request (body parsing included: Fastify keeps its async scope) runs in this context.
    this.context.run(match.tenant, done);
  }

  private protocol(req: FastifyRequest): string {
    const forwarded = this.settings.TRUST_PROXY ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() : '';
    if (forwarded === 'http' || forwarded === 'https') return forwarded;
    return (req.raw.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  }

  /** A tenant whose config is invalid (production only): 503 on its hosts, nothing of it served, the other tenants untouched. */
  private underMaintenance(tenant: QuarantinedTenant, req: FastifyRequest, reply: FastifyReply): void {
    void reply.code(503).header('retry-after', String(MAINTENANCE_RETRY_AFTER)).header('cache-control', 'no-store');
    if (this.wantsJson(req)) {
      void reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({
        statusCode: 503, error: 'Service Unavailable', message: 'Layanan sedang dalam pemeliharaan. Silakan coba lagi nanti.',
      }));
    } else void reply.header('content-type', 'text/html; charset=utf-8').send(this.maintenancePage(tenant));
  }

  private wantsJson(req: FastifyRequest): boolean {
    return /^\/(api|open311)\//.test(req.url) || !String(req.headers.accept ?? '').includes('text/html');
  }

  private notFound(req: FastifyRequest, reply: FastifyReply): void {
    if (this.wantsJson(req)) {
      void reply.code(404).header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'No tenant is served at this host' }));
    } else {
      void reply.code(404).header('content-type', 'text/html; charset=utf-8').send(this.unknownHostPage());
    }
  }
}
