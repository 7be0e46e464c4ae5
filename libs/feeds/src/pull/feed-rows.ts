import { FeedSourceConfig } from '@app/tenancy';
import { RawRow, valueAt } from './feed-document';

/** A row as stored: the platform's fields, one figure of one series on one date. */
export interface FeedRow {
  series: string;
  observedAt: Date;
  item: string;
  place: string | null;
  region: string | null;
  value: number | null;
  unit: string | null;
  link: string | null;
}

export interface RowReject {
  /** 1-based, as a spreadsheet counts data rows. */
  row: number;
  reason: 'not-an-object' | 'missing-item' | 'bad-date' | 'bad-value';
  /** What the source sent, shortened. */
  got?: string;
}

export interface MappedRows {
  rows: FeedRow[];
  rejected: number;
  rejects: RowReject[];
}

const MAX_TEXT = 200;
const KEPT_REJECTS = 10;

/**
 * Maps a source's rows to the platform's fields. A malformed row (no item, a
 * date or number that cannot be read) is rejected and counted, never stored
 * half-read; two rows of the same series and date keep the last.
 */
export function mapRows(
  raw: RawRow[],
  source: Pick<FeedSourceConfig, 'kind' | 'fields' | 'unit'>,
  timezone: string,
  now: Date,
): MappedRows {
  const rejects: RowReject[] = [];
  let rejected = 0;
  const reject = (r: RowReject) => {
    rejected++;
    if (rejects.length < KEPT_REJECTS) rejects.push(r);
  };
  const bySeries = new Map<string, FeedRow>();
  const latest = now.getTime() + 2 * 24 * 3600_000;
  const f = source.fields;
  raw.forEach((row, i) => {
    const n = i + 1;
    if (row === null || typeof row !== 'object' || Array.isArray(row)) return reject({ row: n, reason: 'not-an-object' });
    const item = text(valueAt(row, f.item));
    if (!item) return reject({ row: n, reason: 'missing-item', got: short(valueAt(row, f.item)) });
    const observedAt = parseDate(valueAt(row, f.date), timezone);
    if (!observedAt || observedAt.getTime() > latest || observedAt.getUTCFullYear() < 1990)
      return reject({ row: n, reason: 'bad-date', got: short(valueAt(row, f.date)) });
    let value: number | null = null;
    if (f.value) {
      const rawValue = valueAt(row, f.value);
      value = parseNumber(rawValue);
      const needed = source.kind !== 'job-vacancies';
      if (value === null && (needed || (rawValue !== undefined && rawValue !== null && rawValue !== '')))
        return reject({ row: n, reason: 'bad-value', got: short(rawValue) });
    }
    const place = f.place ? text(valueAt(row, f.place)) : null;
    const region = f.region ? text(valueAt(row, f.region)) : null;
    const unit = (f.unit ? text(valueAt(row, f.unit), 20) : null) ?? source.unit ?? null;
    const linkText = f.link ? text(valueAt(row, f.link), 2000) : null;
    const link = linkText && /^https:\/\/[^\s"'<>]+$/.test(linkText) ? linkText : null;
    const series = [item, place ?? '', region ?? '', source.kind === 'job-vacancies' ? (link ?? '') : ''].join('\u001f').toLowerCase();
    bySeries.set(`${series}\u001e${observedAt.toISOString()}`, { series, observedAt, item, place, region, value, unit, link });
  });
  return { rows: [...bySeries.values()], rejected, rejects };
}

function text(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  // Control characters out, whitespace collapsed: a cell is shown as one line of text.
  const s = String(value)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s ? s.slice(0, max) : null;
}

function short(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return (typeof value === 'string' ? value : (JSON.stringify(value) ?? typeof value)).slice(0, 60);
}

/**
 * A number as Indonesian sources write it: `12500`, `12.500` (thousands dot),
 * `Rp 12.500,00`, `12,5` (decimal comma), `12,500.75`. Null when unreadable or negative.
 */
export function parseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 && value < 1e12 ? value : null;
  if (typeof value !== 'string') return null;
  let s = value.replace(/^\s*rp\.?\s*/i, '').replace(/[\s\u00a0]/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    s = s
      .split(decimal === '.' ? ',' : '.')
      .join('')
      .replace(',', '.');
  } else if (lastComma >= 0) {
    s = /^\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (lastDot >= 0 && /^\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) && n < 1e12 ? n : null;
}

/**
 * A date as sources write it: ISO 8601 (with or without time and zone),
 * `dd/mm/yyyy` or `dd-mm-yyyy`. A date or time without a zone is the
 * tenant's local time.
 */
export function parseDate(value: unknown, timezone: string): Date | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).trim();
  let m: RegExpExecArray | null;
  let parts: [number, number, number, number, number, number] | null = null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s))) {
    if (m[7]) {
      const d = new Date(s.replace(' ', 'T'));
      return Number.isNaN(d.getTime()) ? null : d;
    }
    parts = [+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
  } else if ((m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?: (\d{2}):(\d{2}))?$/.exec(s))) {
    parts = [+m[3], +m[2], +m[1], +(m[4] ?? 0), +(m[5] ?? 0), 0];
  }
  if (!parts) return null;
  const [y, mo, d, h, mi, se] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, se);
  const check = new Date(asUtc);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return new Date(asUtc - offsetMs(timezone, asUtc));
}

/** The zone's offset from UTC at (about) that moment, in ms. */
function offsetMs(timezone: string, at: number): number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - at;
}
