import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isApiPath, requestPath, WebRequest } from '@app/security';
import { TenantContext } from '@app/tenancy';
import { requestLocale, setPageLocal, ViewEngine } from '@app/views';
import { AccountContext } from './account-context';
import { AUTHENTICATED, AuthenticatedOptions, REQUEST_ACCOUNT } from './authenticated.decorator';
import { bearerToken, SessionCookie } from './session-cookie';
import { SessionService } from './session.service';
import { SignInRequiredException } from './sign-in-redirect.filter';

/**
 * Loads the signed-in account of every request that presents a credential:
 * the `sid` cookie for pages, `Authorization: Bearer` for /api/ (APIs never
 * read cookies, so they need no CSRF token). The account goes on the request
 * (@CurrentAccount, @OptionalAccount), into the context (AccountContext) and
 * into the page model (`account`). Then enforces @Authenticated.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly cookie: SessionCookie,
    private readonly accountContext: AccountContext,
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  canActivate(ctx: ExecutionContext): boolean | Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    const api = isApiPath(requestPath(req));
    const token = api ? bearerToken(req) : this.cookie.read(req);
    // Sessions start on POSTs (sign-in, registration, an invitation): the session list labels them by this request's browser.
    if (req.method === 'POST')
      this.accountContext.enterUserAgent(typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : undefined);
    // Most requests carry no credential: answer them without a database round trip or a promise.
    return token ? this.sessions.resolve(token).then((account) => this.admit(ctx, req, api, account)) : this.admit(ctx, req, api, null);
  }

  private admit(ctx: ExecutionContext, req: WebRequest, api: boolean, account: Awaited<ReturnType<SessionService['resolve']>>): boolean {
    const path = requestPath(req);
    if (account) {
      req[REQUEST_ACCOUNT] = account;
      this.accountContext.enter(account);
      setPageLocal(req, 'account', { displayName: account.displayName, role: account.role });
    }

    const required = this.reflector.getAllAndOverride<AuthenticatedOptions | undefined>(AUTHENTICATED, [ctx.getHandler(), ctx.getClass()]);
    if (!required) return true;
    if (!account) {
      if (api) throw new UnauthorizedException(this.text(req, 'accounts.errors.signInRequired'));
      throw new SignInRequiredException(req.method.toUpperCase() === 'GET' ? String(req.originalUrl ?? req.url) : path);
    }
    if (required.roles && !required.roles.includes(account.role)) throw new ForbiddenException(this.text(req, 'accounts.errors.forbidden'));
    return true;
  }

  private text(req: WebRequest, key: string): string {
    const tenant = this.context.tenant;
    return this.views.text(tenant, requestLocale(req, tenant), key);
  }
}
