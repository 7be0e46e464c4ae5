import { Injectable } from '@nestjs/common';
import { TenancySettings } from '../tenancy.settings';
import { RequestContext } from './request-context';
import { TenantContext } from './tenant-context';

const SERVED_AS = Symbol('replika.served-as');

/** How the tenancy hook matched the request: a configured host of the tenant (never the raw header), its port, the scheme. */
export interface ServedAs {
  host: string;
  port?: number;
  protocol: 'http' | 'https';
  kind: 'primary' | 'alias' | 'local' | 'default';
}

/**
 * Absolute URLs of the current tenant (Open311 `key_service` and `media_url`,
 * staff invitation links, anything sent outside the page). They are built from
 * the tenant's configured hosts only, never from the request's Host header:
 * in production always `https://<primary host>`; in development the configured
 * host the request matched (a `*.localhost`), with the port it came in on.
 */
@Injectable()
export class TenantUrls {
  constructor(
    private readonly request: RequestContext,
    private readonly context: TenantContext,
    private readonly settings: TenancySettings,
  ) {}

  /** Called by the tenancy hook once the Host has matched one of the tenant's hosts. */
  remember(servedAs: ServedAs): void {
    this.request.set(SERVED_AS, servedAs);
  }

  /** `https://jaki.jakarta.go.id` in production; `http://jakarta.localhost:3000` in development. */
  origin(): string {
    const primary = this.context.tenant.config.hosts;
    const served = this.request.get<ServedAs>(SERVED_AS);
    if (this.settings.NODE_ENV === 'production' || !served) return `https://${primary.primary}`;
    // With DEFAULT_TENANT the request's host is nobody's: name the tenant's own local host instead.
    const host = served.kind === 'default' ? (primary.local?.[0] ?? primary.primary) : served.host;
    const port =
      served.port && !(served.protocol === 'http' && served.port === 80) && !(served.protocol === 'https' && served.port === 443)
        ? `:${served.port}`
        : '';
    return `${served.protocol}://${host}${port}`;
  }

  /** An absolute URL of a path of the current tenant (`/undangan/…` → `https://jaki.jakarta.go.id/undangan/…`). */
  url(path: string): string {
    return `${this.origin()}${path.startsWith('/') ? path : `/${path}`}`;
  }
}
