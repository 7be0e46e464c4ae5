import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TenantContext } from '@app/tenancy';
import { ANONYMOUS_CACHE, isCacheable, PAGE_TEMPLATE, requestLocale, setPageLocal, ViewEngine } from '@app/views';
import { CSRF_VERIFIED_IN_HANDLER } from './csrf.decorator';
import { CsrfService } from './csrf.service';
import { CookieReply } from './cookies';
import { isApiPath, requestPath, WebRequest } from './web-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 403 for a form post without a valid token; the message is in the request's language. */
export class CsrfRejectedException extends ForbiddenException {}

/**
 * Every unsafe request to a non-API route must carry the CSRF token of its
 * `csrf` cookie, bound to the Host's tenant and the session (CsrfService). Pages get the token as `csrfToken` in their view model (the
 * cookie is set when missing). /api/ and /open311/ are exempt: they never
 * read cookies, so a forged request carries no credentials.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly csrf: CsrfService,
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    const reply = ctx.switchToHttp().getResponse<CookieReply>();
    if (isApiPath(requestPath(req))) return true;
    const isPage = this.reflector.get<string | undefined>(PAGE_TEMPLATE, ctx.getHandler()) !== undefined;
    if (!SAFE_METHODS.has(req.method.toUpperCase())) {
      const multipart = /^multipart\/form-data/i.test(String(req.headers['content-type'] ?? ''));
      const verifiedInHandler = this.reflector.getAllAndOverride<boolean>(CSRF_VERIFIED_IN_HANDLER, [ctx.getHandler(), ctx.getClass()]);
      const ok = multipart ? verifiedInHandler === true : this.csrf.verifyRequest(req);
      if (!ok) throw this.rejection(req);
    }
    // A page cached for anonymous visitors has no form: no token (nor cookie), so its answer is the same for everyone.
    const cachedForAnonymous = this.reflector.get<boolean | undefined>(ANONYMOUS_CACHE, ctx.getHandler()) === true && isCacheable(req);
    if (isPage && !cachedForAnonymous) setPageLocal(req, 'csrfToken', this.csrf.issue(req, reply));
    return true;
  }

  /** The exception a handler verifying multipart itself throws too. */
  rejection(req: WebRequest): CsrfRejectedException {
    const tenant = this.context.hasTenant ? this.context.tenant : null;
    return new CsrfRejectedException(this.views.text(tenant, requestLocale(req, tenant), 'security.csrfExpired'));
  }
}
