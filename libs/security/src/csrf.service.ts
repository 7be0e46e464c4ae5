import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TenantContext } from '@app/tenancy';
import { CookieReply, requestCookie, SESSION_COOKIE, setSiteCookie } from './cookies';
import { WebRequest } from './web-request';

/** The server secret that signs CSRF tokens (from SESSION_SECRET). */
export const CSRF_SECRET = Symbol('CSRF_SECRET');

const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

/**
 * What a token is bound to besides its cookie: the tenant that issued it and
 * the session it was issued to (the sha256 of the `sid` cookie, which is also
 * how the session is stored; empty when signed out, where the random `csrf`
 * cookie itself is the pre-session value).
 */
export interface CsrfBinding {
  tenant: string;
  session: string;
}

/**
 * Signed double-submit CSRF tokens, which work for anonymous forms too: a
 * random `csrf` cookie (HttpOnly, SameSite=Lax) and, in each form, the field
 * `_csrf` = HMAC-SHA256(secret, tenant, session, cookie). Another site can
 * make the browser send the cookie but can neither read it nor compute the
 * HMAC; and a pair taken from another tenant, or from another session (say,
 * minted signed out and planted before the victim signs in), does not verify.
 */
@Injectable()
export class CsrfService {
  static readonly COOKIE = 'csrf';
  static readonly FIELD = '_csrf';
  static readonly HEADER = 'x-csrf-token';

  constructor(
    @Inject(CSRF_SECRET) private readonly secret: Buffer,
    private readonly context: TenantContext,
  ) {}

  /** The form token for a cookie value, bound to a tenant and session. */
  tokenFor(cookieValue: string, binding: CsrfBinding): string {
    return createHmac('sha256', this.secret)
      .update(JSON.stringify(['csrf', binding.tenant, binding.session, cookieValue]))
      .digest('base64url');
  }

  /** True when `token` is the token of `cookieValue` under `binding`; constant-time. */
  verify(cookieValue: string | undefined, token: unknown, binding: CsrfBinding): boolean {
    if (typeof cookieValue !== 'string' || !COOKIE_VALUE.test(cookieValue) || typeof token !== 'string') return false;
    const expected = Buffer.from(this.tokenFor(cookieValue, binding));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** For handlers that parse multipart bodies themselves: the token from the form against this request's cookie, tenant and session. */
  verifyToken(req: WebRequest, token: unknown): boolean {
    return this.verify(this.cookieOf(req), token, this.bindingOf(req));
  }

  /** The request's `csrf` cookie value, if well-formed. */
  cookieOf(req: WebRequest): string | undefined {
    const value = requestCookie(req, CsrfService.COOKIE);
    return value && COOKIE_VALUE.test(value) ? value : undefined;
  }

  /** The tenant of the request's Host and the hash of its session cookie. */
  bindingOf(req: WebRequest): CsrfBinding {
    const sid = requestCookie(req, SESSION_COOKIE);
    return {
      tenant: this.context.hasTenant ? this.context.tenant.slug : '',
      session: sid ? createHash('sha256').update(sid).digest('hex') : '',
    };
  }

  /** Verifies a urlencoded or JSON form post: the token from the `_csrf` field or the X-CSRF-Token header (never the query). */
  verifyRequest(req: WebRequest): boolean {
    const field = (req.body as Record<string, unknown> | undefined)?.[CsrfService.FIELD];
    const header = req.headers[CsrfService.HEADER];
    const token = typeof field === 'string' ? field : typeof header === 'string' ? header : undefined;
    return this.verifyToken(req, token);
  }

  /** The token for a page's forms; sets the cookie on the reply when the request has none. */
  issue(req: WebRequest, reply: CookieReply): string {
    let value = this.cookieOf(req);
    if (!value) {
      value = randomBytes(32).toString('base64url');
      setSiteCookie(req, reply, CsrfService.COOKIE, value);
    }
    return this.tokenFor(value, this.bindingOf(req));
  }
}
