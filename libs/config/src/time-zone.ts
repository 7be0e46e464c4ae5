import { DateTime, FixedOffsetZone, Zone } from 'luxon';

/**
 * Every time-zone computation of the platform, on luxon (which reads the
 * IANA database through Intl). A tenant's zone is its config's `timezone`:
 * Asia/Jakarta (WIB, +07:00), Asia/Makassar (WITA, +08:00) or Asia/Jayapura
 * (WIT, +09:00). Instants are stored and compared in UTC; these functions
 * are where the tenant's wall clock meets them.
 */

/** Indonesia's three zones, none with summer time: WIB +07:00, WITA +08:00, WIT +09:00. */
export const INDONESIAN_ZONES = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' } as const;
export type IndonesianZone = (typeof INDONESIAN_ZONES)[keyof typeof INDONESIAN_ZONES];

export type DisplayLocale = 'id' | 'en';

const INTL_LOCALE: Record<DisplayLocale, string> = { id: 'id-ID', en: 'en-GB' };

function inZone(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone });
}

/** The offset of `zone` at `at`, in minutes east of UTC (+420 for WIB). */
export function zoneOffsetMinutes(at: Date, zone: string): number {
  return inZone(at, zone).offset;
}

/** The calendar day of `at` in `zone`, as YYYY-MM-DD (23:30 UTC is already the next day in WIB). */
export function localDay(at: Date, zone: string): string {
  return inZone(at, zone).toFormat('yyyy-MM-dd');
}

/** `2026-03-01T09:30` as a wall-clock time in `zone`, or null when no such time exists. */
export function wallClockToUtc(local: string, zone: string): Date | null {
  // Luxon reads 24:00 as the next midnight; a form's wall clock stops at 23:59.
  const m = /^\d{4}-\d{2}-\d{2}T(\d{2}):\d{2}$/.exec(local);
  if (!m || Number(m[1]) > 23) return null;
  const at = DateTime.fromFormat(local, "yyyy-MM-dd'T'HH:mm", { zone });
  return at.isValid ? at.toJSDate() : null;
}

/** An instant as `YYYY-MM-DDTHH:mm` on `zone`'s wall clock, for a datetime-local input. */
export function utcToWallClock(at: Date, zone: string): string {
  return inZone(at, zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** ISO 8601 to the second with the zone's offset (`2026-11-28T08:15:00+07:00`; `Z` for UTC). */
export function formatIsoInZone(at: Date, zone: string): string {
  const local = inZone(at, zone);
  return local.toFormat("yyyy-MM-dd'T'HH:mm:ss") + (local.offset === 0 ? 'Z' : local.toFormat('ZZ'));
}

/** The W3C profile of ISO 8601: a date, or a date and time with optional seconds, fraction and zone. */
const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The instant a W3C date/time names, or null when it is not one. A zone in
 * the text is honoured; a date or time without one is read on `zone`'s wall clock.
 */
export function parseIsoInZone(text: string, zone: string): Date | null {
  const m = W3C.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', offset] = m;
  if (Number(h) > 23) return null;
  const named: Zone | string =
    offset === undefined
      ? zone
      : offset === 'Z'
        ? FixedOffsetZone.utcInstance
        : FixedOffsetZone.instance((offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2))));
  const fields = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s) };
  const at = DateTime.fromObject({ ...fields, millisecond: Math.floor(Number(`0.${frac}`) * 1000) }, { zone: named });
  return at.isValid ? at.toJSDate() : null;
}

/**
 * A date and time as the reader's language writes it (`28 Nov 2026, 08.15`
 * in Indonesian, `28 Nov 2026, 08:15` in English), on `zone`'s clock.
 */
export function formatDateTime(at: Date | string | null | undefined, locale: DisplayLocale, zone: string): string {
  if (at === null || at === undefined) return '';
  return inZone(new Date(at), zone).setLocale(INTL_LOCALE[locale]).toLocaleString({ dateStyle: 'medium', timeStyle: 'short' });
}

/** A date alone, written out (`28 November 2026`), on `zone`'s calendar. */
export function formatLongDate(at: Date, locale: DisplayLocale, zone: string): string {
  return inZone(at, zone).setLocale(INTL_LOCALE[locale]).toLocaleString({ dateStyle: 'long' });
}
