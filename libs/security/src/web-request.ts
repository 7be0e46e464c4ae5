/** The parts of a Fastify request and reply the security helpers use. */
export interface WebRequest {
  method: string;
  url: string;
  originalUrl?: string;
  ip?: string;
  protocol?: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  query?: unknown;
  /** Values every rendered page gets (`csrfToken`, `account`), see @app/views PAGE_LOCALS. */
  [key: string | symbol]: unknown;
}

export interface WebReply {
  header(name: string, value: string | string[]): unknown;
  /** From @fastify/cookie; use setSiteCookie (cookies.ts) for our flags. */
  setCookie(name: string, value: string, options?: object): unknown;
}

/** The path without the query, as the client asked for it. */
export function requestPath(req: WebRequest): string {
  return String(req.originalUrl ?? req.url ?? '/').split('?')[0];
}

/** JSON APIs (bearer tokens, no cookies) and Open311 (api_key): neither reads cookies, so neither needs CSRF protection. */
export function isApiPath(path: string): boolean {
  return /^\/(api|open311)(\/|$)/.test(path);
}

/** Fastify's request.protocol honours X-Forwarded-Proto only when the adapter trusts the proxy (TRUST_PROXY). */
export function isHttps(req: WebRequest): boolean {
  return req.protocol === 'https';
}
