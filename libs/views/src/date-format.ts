import { Locale } from '@app/tenancy';

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * The one way the console writes a date and time: the reader's language
 * (`28 Nov 2026, 08.15` / `28 Nov 2026, 08:15`), in the tenant's time zone.
 */
export function formatDateTime(at: Date | string | null | undefined, locale: Locale, timeZone: string): string {
  if (at === null || at === undefined) return '';
  const key = `${locale}|${timeZone}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    FORMATS.set(key, format);
  }
  return format.format(new Date(at));
}
