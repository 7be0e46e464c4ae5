import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookies, serializeCookie } from './cookies';
import { isHttps, WebReply, WebRequest } from './web-request';

/** The server secret that signs CSRF tokens (from SESSION_SECRET). */
export const CSRF_SECRET = Symbol('CSRF_SECRET');

const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Signed double-submit CSRF tokens, which work for anonymous forms too: a
 * random `csrf` cookie (HttpOnly, SameSite=Lax) and, in each form, the field
 * `_csrf` = HMAC-SHA256(secret, cookie). Another site can make the browser
 * send the cookie but can neither read it nor compute the HMAC.
 */
@Injectable()
export class CsrfService {
  static readonly COOKIE = 'csrf';
  static readonly FIELD = '_csrf';
  static readonly HEADER = 'x-csrf-token';

  constructor(@Inject(CSRF_SECRET) private readonly secret: Buffer) {}

  /** The form token for a cookie value. */
  tokenFor(cookieValue: string): string {
    return createHmac('sha256', this.secret).update(`csrf:${cookieValue}`).digest('base64url');
  }

  /** True when `token` is the token of `cookieValue`; constant-time. For handlers that parse multipart bodies themselves. */
  verify(cookieValue: string | undefined, token: unknown): boolean {
    if (typeof cookieValue !== 'string' || !COOKIE_VALUE.test(cookieValue) || typeof token !== 'string') return false;
    const expected = Buffer.from(this.tokenFor(cookieValue));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The request's `csrf` cookie value, if well-formed. */
  cookieOf(req: WebRequest): string | undefined {
    const value = parseCookies(req.headers.cookie)[CsrfService.COOKIE];
    return value && COOKIE_VALUE.test(value) ? value : undefined;
  }

  /** Verifies a urlencoded or JSON form post: the token from the `_csrf` field or the X-CSRF-Token header (never the query). */
  verifyRequest(req: WebRequest): boolean {
    const field = (req.body as Record<string, unknown> | undefined)?.[CsrfService.FIELD];
    const header = req.headers[CsrfService.HEADER];
    const token = typeof field === 'string' ? field : typeof header === 'string' ? header : undefined;
    return this.verify(this.cookieOf(req), token);
  }

  /** The token for a page's forms; sets the cookie on the reply when the request has none. */
  issue(req: WebRequest, reply: WebReply): string {
    let value = this.cookieOf(req);
    if (!value) {
      value = randomBytes(32).toString('base64url');
      reply.header('set-cookie', serializeCookie(CsrfService.COOKIE, value, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(req) }));
    }
    return this.tokenFor(value);
  }
}
