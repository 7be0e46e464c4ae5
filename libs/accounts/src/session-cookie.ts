import { Injectable } from '@nestjs/common';
import { isHttps, parseCookies, serializeCookie, WebReply, WebRequest } from '@app/security';
import { SESSION_TTL_MS } from './session.service';

export const SESSION_COOKIE = 'sid';

/** The `sid` cookie: HttpOnly, SameSite=Lax, Path=/, Secure over https, 7 days. */
@Injectable()
export class SessionCookie {
  read(req: WebRequest): string | undefined {
    return parseCookies(req.headers.cookie)[SESSION_COOKIE];
  }

  set(req: WebRequest, reply: WebReply, token: string): void {
    reply.header('set-cookie', serializeCookie(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(req), maxAge: SESSION_TTL_MS / 1000,
    }));
  }

  clear(req: WebRequest, reply: WebReply): void {
    reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(req), maxAge: 0 }));
  }
}

/** The token of `Authorization: Bearer <token>`. */
export function bearerToken(req: WebRequest): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
