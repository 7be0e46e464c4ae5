import { Injectable, SetMetadata } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Locale, Tenant, TenantContext } from '@app/tenancy';
import { requestLocale } from './locale';
import { pageLocalsOf } from './page-result';

export const ANONYMOUS_CACHE = 'replika:anonymous-cache';

/**
 * The page is the same for every visitor without a session (no form, nothing
 * of theirs): rendered once per tenant, locale and URL, and served from
 * memory to anonymous requests (PageCache). Signed-in requests always render.
 */
export const AnonymousCache = () => SetMetadata(ANONYMOUS_CACHE, true);

/** How long an entry lives at most: bounds what no event invalidates (an article whose scheduled time comes, an announcement missed). */
export const PAGE_CACHE_TTL_MS = 60_000;
/** Entries across all tenants (a page is ~5-20 KB): distinct URLs (any query string) cannot grow memory past this; the oldest go first. */
export const PAGE_CACHE_MAX_ENTRIES = 2_000;

interface RequestLike {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  query?: unknown;
  cookies?: Record<string, string | undefined>;
}

/**
 * An anonymous request: no session cookie and no credentials. Only these are
 * served from, or stored in, the cache; a signed-in visitor's page has their
 * name, their forms and their CSRF token.
 */
export function isAnonymous(req: Pick<RequestLike, 'headers'>): boolean {
  return req.headers.authorization === undefined && !/(?:^|;\s*)sid=/.test(String(req.headers.cookie ?? ''));
}

/** Whether this request may be served from the cache or fill it: an anonymous GET that is not switching language (which sets a cookie). */
export function isCacheable(req: RequestLike): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    isAnonymous(req) &&
    (req.query as Record<string, unknown> | undefined)?.lang === undefined
  );
}

interface Entry {
  /** The tenant as configured when the page was rendered: a reload replaces the object, and the entry is stale. */
  tenant: Tenant;
  /** The page split where the CSP nonce goes: each answer joins it with its own nonce. */
  parts: string[];
  etag: string;
  expires: number;
}

/**
 * Anonymous pages, rendered once per tenant, locale and URL. The cached HTML
 * holds a marker instead of the CSP nonce (the layout's inline <style>), and
 * each answer gets its own nonce at send time, so no two visitors share one.
 * An entry is valid only for the Tenant object it was rendered with: a config
 * reload (admin revision, folder edit, NOTIFY from another instance) replaces
 * that object, so its pages are never served again; `invalidate` drops a
 * tenant's pages on events the config does not see (news published, here or
 * on another instance: PageCacheSync). A page whose render overlapped an
 * invalidation of its tenant is answered but not stored: it may show what
 * was there before.
 */
@Injectable()
export class PageCache {
  /** Random per process: tenant or news text cannot contain it by accident, nor guess it. */
  readonly nonceMarker = `__csp_nonce_${randomBytes(12).toString('hex')}__`;
  private readonly entries = new Map<string, Entry>();
  /** Invalidations so far, of each tenant and of all: a render is stored only if none came since it started. */
  private readonly invalidations = new Map<string, number>();
  private invalidationsOfAll = 0;

  constructor(private readonly now: () => number = Date.now) {}

  key(tenant: Tenant, locale: Locale, url: string): string {
    return `${tenant.slug} ${locale} ${url}`;
  }

  get(tenant: Tenant, key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.tenant === tenant && entry.expires > this.now()) return entry;
    // Expired, or rendered under a config since replaced; never another tenant's (keys carry the slug).
    if (entry.tenant.slug === tenant.slug) this.entries.delete(key);
    return undefined;
  }

  /** Taken before a render starts, and handed to `set` with its result. */
  version(tenant: Tenant): number {
    return this.invalidationsOfAll + (this.invalidations.get(tenant.slug) ?? 0);
  }

  /** Stores `html` rendered with `nonceMarker` as its nonce, unless the tenant's pages were invalidated since `version`; returns the entry. */
  set(tenant: Tenant, key: string, html: string, version = this.version(tenant)): Entry {
    const entry = {
      tenant,
      parts: html.split(this.nonceMarker),
      etag: `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
      expires: this.now() + PAGE_CACHE_TTL_MS,
    };
    if (version !== this.version(tenant)) return entry;
    this.entries.delete(key);
    while (this.entries.size >= PAGE_CACHE_MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    return entry;
  }

  /** Drops a tenant's cached pages (every tenant's without a slug); no other tenant's. */
  invalidate(slug?: string): void {
    if (slug === undefined) this.invalidationsOfAll++;
    else this.invalidations.set(slug, (this.invalidations.get(slug) ?? 0) + 1);
    for (const [key, entry] of this.entries) if (slug === undefined || entry.tenant.slug === slug) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The page of `entry` with `nonce` in place, and whether the client's copy (If-None-Match) is still this one. */
  answer(entry: Entry, nonce: string, ifNoneMatch: string | undefined): { html: string; notModified: boolean } {
    const notModified = ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === entry.etag || tag.trim() === '*');
    return { html: notModified ? '' : entry.parts.join(nonce), notModified };
  }
}

/**
 * Serves cached anonymous pages before Nest's pipeline (guards, handler,
 * rendering) runs: a Fastify preHandler, after the tenancy hook and the
 * security headers' nonce. A miss (any URL never stored) falls through.
 */
export function installPageCache(fastify: FastifyInstance, cache: PageCache, context: TenantContext): void {
  fastify.addHook('preHandler', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!context.hasTenant || !isCacheable(req)) return done();
    const tenant = context.tenant;
    const entry = cache.get(tenant, cache.key(tenant, requestLocale(req, tenant), req.url));
    if (!entry) return done();
    const nonce = pageLocalsOf(req).cspNonce ?? '';
    const { html, notModified } = cache.answer(entry, nonce, req.headers['if-none-match']);
    void reply.header('etag', entry.etag).header('cache-control', 'no-cache').header('vary', 'Cookie');
    if (notModified) {
      // The client keeps the page it has, with the CSP that came with it (its nonce): a new nonce here would block its <style>.
      void reply.removeHeader('content-security-policy');
      void reply.code(304).send();
      return;
    }
    void reply.header('content-type', 'text/html; charset=utf-8').send(html);
  });
}
