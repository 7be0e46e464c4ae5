import { Locale } from '@app/tenancy';

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** A date and time as the reader writes them, in the tenant's time zone. */
export function formatDateTime(at: Date | string, locale: Locale, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    FORMATS.set(key, format);
  }
  return format.format(new Date(at));
}

/** A query string from the values that are set, for links that keep filters. */
export function queryOf(values: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
