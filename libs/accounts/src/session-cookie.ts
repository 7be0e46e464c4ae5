import { Injectable } from '@nestjs/common';
import { clearSiteCookie, CookieReply, requestCookie, SESSION_COOKIE, setSiteCookie, WebRequest } from '@app/security';
import { SESSION_TTL_MS } from './session.service';

export { SESSION_COOKIE } from '@app/security';

/** The `sid` cookie: HttpOnly, SameSite=Lax, Path=/, Secure over https, 7 days. */
@Injectable()
export class SessionCookie {
  read(req: WebRequest): string | undefined {
    return requestCookie(req, SESSION_COOKIE);
  }

  set(req: WebRequest, reply: CookieReply, token: string): void {
    setSiteCookie(req, reply, SESSION_COOKIE, token, { maxAge: SESSION_TTL_MS / 1000 });
  }

  clear(req: WebRequest, reply: CookieReply): void {
    clearSiteCookie(req, reply, SESSION_COOKIE);
  }
}

/** The token of `Authorization: Bearer <token>`. */
export function bearerToken(req: WebRequest): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
