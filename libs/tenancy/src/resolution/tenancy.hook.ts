import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Tenant } from '../config/tenant';
import type { QuarantinedTenant } from '../config/tenant-resolver';
import { TenancySettings } from '../tenancy.settings';
import { parseHost, ParsedHost } from './host';
import { TenantContext } from './tenant-context';
import { TenantRegistry } from './tenant-registry';
import { TenantUrls } from './tenant-urls';

/** Renders the page for a host no tenant claims; never any tenant's content. */
export const UNKNOWN_HOST_PAGE = Symbol('UNKNOWN_HOST_PAGE');
export type UnknownHostPage = () => string;

/** Renders the maintenance page of a tenant kept out of service (invalid config, in production). */
export const MAINTENANCE_PAGE = Symbol('MAINTENANCE_PAGE');
export type MaintenancePage = (tenant: QuarantinedTenant) => string;

/** Seconds a client is asked to wait before retrying a tenant under maintenance. */
export const MAINTENANCE_RETRY_AFTER = 300;

/** A suspended tenant as the maintenance page shows it: its own name and colours, no problems to list. */
function suspendedView(tenant: Tenant): QuarantinedTenant {
  return { slug: tenant.slug, problems: [], hosts: [], appName: tenant.config.branding.appName, colors: tenant.config.branding.colors };
}

/** The Host could be read two ways, or not at all: refused before anything else runs. */
const AMBIGUOUS = Symbol('ambiguous host');

/**
 * Picks the tenant from the Host header for every request, before any route,
 * guard or controller runs: an alias redirects to the primary host, an unknown
 * host ends here with 404, an ambiguous or malformed one with 400. It is a
 * Fastify `onRequest` hook rather than Nest middleware: the middleware layer
 * (middie, plus nestjs-cls's async setup) cost more than the rest of a JSON
 * route together (docs/benchmarks.md).
 */
@Injectable()
export class TenancyHook {
  private unknownHostPage: UnknownHostPage = () => '<!doctype html><title>404</title><h1>404</h1>';
  private maintenancePage: MaintenancePage = () =>
    '<!doctype html><html lang="id"><title>503</title><h1>Sedang dalam pemeliharaan</h1></html>';

  constructor(
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly settings: TenancySettings,
    private readonly urls: TenantUrls,
  ) {}

  install(fastify: FastifyInstance, unknownHostPage?: UnknownHostPage, maintenancePage?: MaintenancePage): void {
    if (unknownHostPage) this.unknownHostPage = unknownHostPage;
    if (maintenancePage) this.maintenancePage = maintenancePage;
    fastify.addHook('onRequest', (req, reply, done) => this.onRequest(req, reply, done));
  }

  onRequest(req: FastifyRequest, reply: FastifyReply, done: () => void): void {
    const host = this.requestHost(req);
    if (host === AMBIGUOUS) return this.badHost(reply);
    let match = host ? this.registry.match(host.name) : undefined;
    // A tenant under maintenance answers for its own hosts: never with another tenant's content.
    const quarantined = !match && host ? this.registry.quarantinedAt(host.name) : undefined;
    if (quarantined) return this.underMaintenance(quarantined, req, reply);
    let kind: 'primary' | 'alias' | 'local' | 'default' | undefined = match?.kind;
    if (!match && this.settings.DEFAULT_TENANT) {
      const fallback = this.registry.get(this.settings.DEFAULT_TENANT);
      if (fallback) {
        match = { tenant: fallback, kind: 'local' };
        kind = 'default';
      }
    }
    if (!match || !kind) return this.notFound(req, reply);
    // Suspended by the operator: the maintenance page on every route (pages, API, Open311), so nothing is read or written.
    if (this.registry.isSuspended(match.tenant.slug)) return this.underMaintenance(suspendedView(match.tenant), req, reply);
    const protocol = this.protocol(req);
    if (match.kind === 'alias') {
      void reply
        .code(301)
        .header('location', `${protocol}://${match.tenant.config.hosts.primary}${pathOf(req.raw.url ?? '/')}`)
        .send();
      return;
    }
    // The rest of the request (body parsing included: Fastify keeps its async scope) runs in this context.
    this.context.run(match.tenant, () => {
      this.urls.remember({ host: host ? host.name : '', port: host?.port, protocol, kind });
      done();
    });
  }

  /**
   * The one host this request names, or AMBIGUOUS. Node keeps only the first
   * of repeated Host headers in `req.headers`, so they are counted in the raw
   * headers. X-Forwarded-Host (only with TRUST_PROXY) is held to the same rule.
   * An absolute-form target (`GET http://lampung.localhost/...`) must name the
   * same host as the Host header.
   */
  private requestHost(req: FastifyRequest): ParsedHost | undefined | typeof AMBIGUOUS {
    const hosts = headerValues(req.raw.rawHeaders, 'host');
    if (hosts.length > 1) return AMBIGUOUS;
    const host = hosts.length ? parseHost(hosts[0]) : undefined;
    if (host === null) return AMBIGUOUS;
    const target = req.raw.url ?? '/';
    if (!target.startsWith('/') && target !== '*') {
      const named = absoluteFormHost(target);
      if (!named || !host || named !== host.name) return AMBIGUOUS;
    }
    if (!this.settings.TRUST_PROXY) return host;
    const forwarded = headerValues(req.raw.rawHeaders, 'x-forwarded-host');
    if (forwarded.length === 0) return host;
    if (forwarded.length > 1) return AMBIGUOUS;
    return parseHost(forwarded[0]) ?? AMBIGUOUS;
  }

  private protocol(req: FastifyRequest): 'http' | 'https' {
    const forwarded = this.settings.TRUST_PROXY
      ? String(req.headers['x-forwarded-proto'] ?? '')
          .trim()
          .toLowerCase()
      : '';
    if (forwarded === 'http' || forwarded === 'https') return forwarded;
    return (req.raw.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  }

  /** A tenant whose config is invalid (production only): 503 on its hosts, nothing of it served, the other tenants untouched. */
  private underMaintenance(tenant: QuarantinedTenant, req: FastifyRequest, reply: FastifyReply): void {
    void reply.code(503).header('retry-after', String(MAINTENANCE_RETRY_AFTER)).header('cache-control', 'no-store');
    if (this.wantsJson(req)) {
      void reply.header('content-type', 'application/json; charset=utf-8').send(
        JSON.stringify({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'Layanan sedang dalam pemeliharaan. Silakan coba lagi nanti.',
        }),
      );
    } else void reply.header('content-type', 'text/html; charset=utf-8').send(this.maintenancePage(tenant));
  }

  private wantsJson(req: FastifyRequest): boolean {
    return /^\/(api|open311)\//.test(req.url) || !String(req.headers.accept ?? '').includes('text/html');
  }

  private badHost(reply: FastifyReply): void {
    void reply
      .code(400)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(JSON.stringify({ statusCode: 400, error: 'Bad Request', message: 'Ambiguous or malformed Host' }));
  }

  private notFound(req: FastifyRequest, reply: FastifyReply): void {
    if (this.wantsJson(req)) {
      void reply
        .code(404)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'No tenant is served at this host' }));
    } else {
      void reply.code(404).header('content-type', 'text/html; charset=utf-8').send(this.unknownHostPage());
    }
  }
}

function headerValues(raw: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i].length === name.length && raw[i].toLowerCase() === name) values.push(raw[i + 1]);
  return values;
}

/** The host an absolute-form target names (`http://lampung.localhost/x` → `lampung.localhost`), or null. */
function absoluteFormHost(target: string): string | null {
  const m = /^https?:\/\/([^/?#]*)/i.exec(target);
  return m ? (parseHost(m[1])?.name ?? null) : null;
}

/** The path and query of a target in origin or absolute form. */
function pathOf(target: string): string {
  if (target.startsWith('/')) return target;
  const m = /^https?:\/\/[^/?#]*(.*)$/i.exec(target);
  const rest = m?.[1] ?? '/';
  return rest.startsWith('/') ? rest : `/${rest}`;
}
