/**
 * What a `@Page()` handler may return besides a bare view model, and what
 * every page gets besides its model.
 */

/** Post/Redirect/Get: answer with a redirect instead of a page (303 by default). */
export class PageRedirect {
  constructor(
    readonly location: string,
    readonly status: 301 | 302 | 303 | 307 | 308 = 303,
  ) {}
}

/**
 * A page rendered with a status other than the handler's (a form with errors: 422; rate limited: 429),
 * or with another template than the handler's (`page`: a confirmation step asked of an unconfirmed POST).
 */
export class PageWithStatus {
  constructor(
    readonly status: number,
    readonly model: object,
    readonly page?: string,
  ) {}
}

/**
 * Values the request contributes to every rendered page, set by guards before
 * the handler runs: `csrfToken` (@app/security) and `account`, the signed-in
 * account's `{ displayName, role }` (@app/accounts), `cspNonce`. Page models must not use
 * these names: the request's values win.
 */
export const PAGE_LOCALS = Symbol('replika.page-locals');

export interface PageLocals {
  csrfToken?: string;
  account?: { displayName: string; role: string };
  /** The Content-Security-Policy nonce of this answer, for the layout's inline <style> (set by the platform's security headers). */
  cspNonce?: string;
}

type WithLocals = { [PAGE_LOCALS]?: PageLocals };

export function setPageLocal<K extends keyof PageLocals>(req: object, name: K, value: PageLocals[K]): void {
  const r = req as WithLocals;
  (r[PAGE_LOCALS] ??= {})[name] = value;
}

export function pageLocalsOf(req: object): PageLocals {
  return (req as WithLocals)[PAGE_LOCALS] ?? {};
}
