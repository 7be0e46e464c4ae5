import type { CookieSerializeOptions } from '@fastify/cookie';
import { isHttps, WebRequest } from './web-request';

/**
 * Cookies are parsed and written by @fastify/cookie, registered once by the
 * platform (apps/platform/src/platform.ts); these helpers only fix our flags
 * in one place: HttpOnly unless said otherwise, SameSite=Lax, Path=/, Secure
 * over https.
 */

/** The session cookie (libs/accounts); named here because CSRF tokens are bound to the session. */
export const SESSION_COOKIE = 'sid';

/** A reply that can set cookies (Fastify's, decorated by @fastify/cookie). */
export interface CookieReply {
  setCookie(name: string, value: string, options?: CookieSerializeOptions): unknown;
}

/** The value of the request's cookie `name` (the first one when repeated), or undefined. */
export function requestCookie(req: WebRequest, name: string): string | undefined {
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  const value = cookies && Object.hasOwn(cookies, name) ? cookies[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export interface SiteCookieOptions {
  /** Seconds; a session cookie when omitted, 0 to delete. */
  maxAge?: number;
  /** Default true: script never needs our cookies. */
  httpOnly?: boolean;
}

/** Sets one of our cookies with the site's flags. */
export function setSiteCookie(req: WebRequest, reply: CookieReply, name: string, value: string, options: SiteCookieOptions = {}): void {
  reply.setCookie(name, value, {
    path: '/',
    httpOnly: options.httpOnly ?? true,
    sameSite: 'lax',
    secure: isHttps(req),
    ...(options.maxAge !== undefined ? { maxAge: Math.floor(options.maxAge) } : {}),
  });
}

/** Deletes one of our cookies (same flags, Max-Age=0). */
export function clearSiteCookie(req: WebRequest, reply: CookieReply, name: string): void {
  setSiteCookie(req, reply, name, '', { maxAge: 0 });
}
