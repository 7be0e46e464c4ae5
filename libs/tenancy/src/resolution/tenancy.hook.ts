import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TenancySettings } from '../tenancy.settings';
import { TenantContext } from './tenant-context';
import { TenantRegistry } from './tenant-registry';

/** Renders the page for a host no tenant claims; never any tenant's content. */
export const UNKNOWN_HOST_PAGE = Symbol('UNKNOWN_HOST_PAGE');
export type UnknownHostPage = () => string;

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

  constructor(
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly settings: TenancySettings,
  ) {}

  install(fastify: FastifyInstance, unknownHostPage?: UnknownHostPage): void {
    if (unknownHostPage) this.unknownHostPage = unknownHostPage;
    fastify.addHook('onRequest', (req, reply, done) => this.onRequest(req, reply, done));
  }

  onRequest(req: FastifyRequest, reply: FastifyReply, done: () => void): void {
    const forwarded = this.settings.TRUST_PROXY ? req.headers['x-forwarded-host'] : undefined;
    let match = this.registry.match(forwarded ?? req.headers.host);
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

  private notFound(req: FastifyRequest, reply: FastifyReply): void {
    const wantsJson = /^\/(api|open311)\//.test(req.url) || !String(req.headers.accept ?? '').includes('text/html');
    if (wantsJson) {
      void reply.code(404).header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'No tenant is served at this host' }));
    } else {
      void reply.code(404).header('content-type', 'text/html; charset=utf-8').send(this.unknownHostPage());
    }
  }
}
