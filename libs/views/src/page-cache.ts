import { Injectable, SetMetadata } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Locale, Tenant, TenantContext } from '@app/tenancy';
import { requestLocale } from './locale';

export const ANONYMOUS_CACHE = 'replika:anonymous-cache';

/**
 * The page is the same for every visitor without a session (no form, nothing
 * of theirs): rendered once per tenant, locale and URL, and served from
 * memory to anonymous requests (PageCache). Signed-in requests always render.
 */
export const AnonymousCache = () => SetMetadata(ANONYMOUS_CACHE, true);

/** How long an entry lives at most: bounds what no event invalidates (an article whose scheduled time comes, another instance's publication). */
export const PAGE_CACHE_TTL_MS = 60_000;
const MAX_ENTRIES_PER_TENANT = 500;

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
  return (req.method === 'GET' || req.method === 'HEAD') && isAnonymous(req) && (req.query as Record<string, unknown> | undefined)?.lang === undefined;
}

interface Entry {
  /** The page split where the CSP nonce goes: each answer joins it with its own nonce. */
  parts: string[];
  etag: string;
  expires: number;
}

/**
 * Anonymous pages, rendered once per tenant, locale and URL. The cached HTML
 * holds a marker instead of the CSP nonce (the layout's inline <style>), and
 * each answer gets its own nonce at send time, so no two visitors share one.
 * Entries hang off the Tenant object: a config reload (admin revision, folder
 * edit, NOTIFY from another instance) replaces it and so drops its pages;
 * `invalidate` drops them on events the config does not see (news published).
 */
@Injectable()
export class PageCache {
  /** Random per process: tenant or news text cannot contain it by accident, nor guess it. */
  readonly nonceMarker = `__csp_nonce_${randomBytes(12).toString('hex')}__`;
  private pages = new WeakMap<Tenant, Map<string, Entry>>();
  private readonly bySlug = new Map<string, WeakRef<Tenant>>();

  constructor(private readonly now: () => number = Date.now) {}

  key(locale: Locale, url: string): string {
    return `${locale} ${url}`;
  }

  get(tenant: Tenant, key: string): Entry | undefined {
    const entry = this.pages.get(tenant)?.get(key);
    if (entry && entry.expires > this.now()) return entry;
    if (entry) this.pages.get(tenant)!.delete(key);
    return undefined;
  }

  /** Stores `html` rendered with `nonceMarker` as its nonce; returns the entry. */
  set(tenant: Tenant, key: string, html: string): Entry {
    let pages = this.pages.get(tenant);
    if (!pages) {
      pages = new Map();
      this.pages.set(tenant, pages);
      this.bySlug.set(tenant.slug, new WeakRef(tenant));
    }
    if (pages.size >= MAX_ENTRIES_PER_TENANT) pages.delete(pages.keys().next().value!);
    const entry = { parts: html.split(this.nonceMarker), etag: `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`, expires: this.now() + PAGE_CACHE_TTL_MS };
    pages.set(key, entry);
    return entry;
  }

  /** Drops a tenant's cached pages (all tenants' without a slug). */
  invalidate(slug?: string): void {
    if (slug === undefined) {
      this.pages = new WeakMap();
      this.bySlug.clear();
      return;
    }
    const tenant = this.bySlug.get(slug)?.deref();
    if (tenant) this.pages.delete(tenant);
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
    if (!context.hasTenant || !isCacheable(req as unknown as RequestLike)) return done();
    const tenant = context.tenant;
    const entry = cache.get(tenant, cache.key(requestLocale(req as unknown as RequestLike, tenant), req.url));
    if (!entry) return done();
    const nonce = (reply as { cspNonce?: { style?: string } }).cspNonce?.style ?? '';
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
