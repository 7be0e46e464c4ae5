import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';
import { Locale, TenantContext } from '@app/tenancy';
import { LOCALE_COOKIE, requestLocale, RequestLike } from './locale';
import { PAGE_TEMPLATE } from './page.decorator';
import { ANONYMOUS_CACHE, isCacheable, PageCache } from './page-cache';
import { PageRedirect, pageLocalsOf, PageWithStatus } from './page-result';
import { ViewEngine } from './view-engine';

/** The request as pages see it: its locale is set here for @PageLocale(). */
export interface PageRequest extends RequestLike {
  locale?: Locale;
  method: string;
  url: string;
  protocol: string;
}

interface Reply {
  header(name: string, value: string): unknown;
  /** From @fastify/cookie. */
  setCookie(name: string, value: string, options: object): unknown;
}

/** Renders a page handler's view model with the tenant's templates. */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
    private readonly cache: PageCache,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<string | Response> {
    const page = this.reflector.get<string>(PAGE_TEMPLATE, ctx.getHandler());
    const http = ctx.switchToHttp();
    const req = http.getRequest<PageRequest>();
    const reply = http.getResponse<Reply>();
    const tenant = this.context.tenant;
    const locale = requestLocale(req, tenant);
    req.locale = locale; // read by @PageLocale() in the handler
    const cacheable = this.reflector.get<boolean>(ANONYMOUS_CACHE, ctx.getHandler()) === true && isCacheable(req);
    // Before the handler reads anything: an invalidation while it runs (news published on another instance) keeps its page out of the cache.
    const version = this.cache.version(tenant);
    return next.handle().pipe(
      map((result: object) => {
        // A web Response's status wins over the handler's; headers set on the reply (cookies) stay.
        if (result instanceof PageRedirect)
          return new Response(null, { status: result.status, headers: { location: sameSitePath(result.location) } });
        reply.header('content-type', 'text/html; charset=utf-8');
        if ((req.query as Record<string, unknown>)?.lang === locale) {
          // Not HttpOnly: nothing secret, and the same flags as our other cookies otherwise.
          reply.setCookie(LOCALE_COOKIE, locale, { path: '/', maxAge: 31_536_000, sameSite: 'lax', secure: req.protocol === 'https' });
        }
        const model = result instanceof PageWithStatus ? result.model : result;
        const template = result instanceof PageWithStatus && result.page ? result.page : page;
        const locals = pageLocalsOf(req);
        if (cacheable && !(result instanceof PageWithStatus)) {
          // Rendered with a marker for the nonce; this answer, like every later one from the cache, gets its own.
          const page = this.views.render(tenant, `pages/${template}`, { ...model, ...locals, cspNonce: this.cache.nonceMarker }, locale);
          const mine = [locals.csrfToken, locals.account?.displayName].filter((v): v is string => typeof v === 'string' && v.length > 0);
          if (!mine.some((v) => page.includes(v))) {
            const entry = this.cache.set(tenant, this.cache.key(tenant, locale, req.url), page, version);
            reply.header('etag', entry.etag);
            reply.header('cache-control', 'no-cache');
            reply.header('vary', 'Cookie');
            return this.cache.answer(entry, locals.cspNonce ?? '', undefined).html;
          }
        }
        const html = this.views.render(tenant, `pages/${template}`, { ...model, ...locals }, locale);
        if (result instanceof PageWithStatus)
          return new Response(html, { status: result.status, headers: { 'content-type': 'text/html; charset=utf-8' } });
        return html;
      }),
    );
  }
}

/**
 * Pages only ever redirect within the site: a location that is not a plain
 * path (`//host`, `/\host`, a scheme, control characters) becomes `/`, so no
 * handler can be turned into an open redirect (safeNext checks `next` first).
 */
function sameSitePath(location: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern matches
  return /^\/(?![/\\])[^\u0000-\u001f\u007f\\]*$/.test(location) ? location : '/';
}
