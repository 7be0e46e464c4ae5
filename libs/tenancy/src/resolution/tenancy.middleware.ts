import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TenancySettings } from '../tenancy.settings';
import { TenantContext } from './tenant-context';
import { TenantRegistry } from './tenant-registry';

/** Renders the page for a host no tenant claims; never any tenant's content. */
export const UNKNOWN_HOST_PAGE = Symbol('UNKNOWN_HOST_PAGE');
export type UnknownHostPage = () => string;

/**
 * Picks the tenant from the Host header for every request, before any guard
 * or controller runs: an alias redirects to the primary host, an unknown host
 * ends here with 404.
 */
@Injectable()
export class TenancyMiddleware implements NestMiddleware {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly settings: TenancySettings,
    @Inject(UNKNOWN_HOST_PAGE) private readonly unknownHostPage: UnknownHostPage,
  ) {}

  use(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: () => void): void {
    const forwarded = this.settings.TRUST_PROXY ? req.headers['x-forwarded-host'] : undefined;
    let match = this.registry.match(forwarded ?? req.headers.host);
    if (!match && this.settings.DEFAULT_TENANT) {
      const fallback = this.registry.get(this.settings.DEFAULT_TENANT);
      if (fallback) match = { tenant: fallback, kind: 'local' };
    }
    // The middleware layer may rewrite req.url relative to its mount point; originalUrl is what the client asked for.
    const url = req.originalUrl ?? req.url ?? '/';
    if (!match) return this.notFound(url, req, res);
    if (match.kind === 'alias') {
      res.writeHead(301, { location: `${this.protocol(req)}://${match.tenant.config.hosts.primary}${url}`, 'content-length': 0 });
      return void res.end();
    }
    this.context.enter(match.tenant);
    next();
  }

  private protocol(req: IncomingMessage): string {
    const forwarded = this.settings.TRUST_PROXY ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() : '';
    if (forwarded === 'http' || forwarded === 'https') return forwarded;
    return (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  }

  private notFound(url: string, req: IncomingMessage, res: ServerResponse): void {
    const wantsJson = /^\/(api|open311)\//.test(url) || !String(req.headers.accept ?? '').includes('text/html');
    const body = wantsJson
      ? JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'No tenant is served at this host' })
      : this.unknownHostPage();
    res.writeHead(404, { 'content-type': wantsJson ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8' });
    res.end(body);
  }
}
