import { Locale, SUPPORTED_LOCALES, Tenant } from '@app/tenancy';

export const LOCALE_COOKIE = 'lang';

/** What the locale of a request is read from (a Fastify request has all of it). */
export interface RequestLike {
  query?: unknown;
  /** Parsed by @fastify/cookie. */
  cookies?: Record<string, string | undefined>;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The page's language: `?lang=` when given (the language switcher), then the
 * cookie it leaves, then the tenant's default (Indonesian); only among the
 * tenant's available locales.
 */
export function requestLocale(req: RequestLike, tenant: Tenant | null): Locale {
  const available: readonly Locale[] = tenant?.config.locale.available ?? SUPPORTED_LOCALES;
  const query = (req.query as Record<string, unknown> | undefined)?.lang;
  const cookie = req.cookies?.[LOCALE_COOKIE];
  for (const candidate of [query, cookie]) {
    if (typeof candidate === 'string' && (available as string[]).includes(candidate)) return candidate as Locale;
  }
  return tenant?.config.locale.default ?? 'id';
}

/** An API response's language: Accept-Language when the tenant offers it, else the tenant's default. */
export function apiLocale(req: RequestLike, tenant: Tenant | null): Locale {
  const available: readonly Locale[] = tenant?.config.locale.available ?? SUPPORTED_LOCALES;
  const wanted = String(req.headers['accept-language'] ?? '')
    .split(',')
    .map((l) => l.trim().slice(0, 2).toLowerCase());
  return (wanted.find((l) => (available as string[]).includes(l)) as Locale | undefined) ?? tenant?.config.locale.default ?? 'id';
}
