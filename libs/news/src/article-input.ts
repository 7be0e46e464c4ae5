import { NewsError, NewsErrorCode } from './news-error';

/** What the draft form sends, as typed. */
export interface ArticleForm {
  title?: string;
  summary?: string;
  body?: string;
  /** `YYYY-MM-DDTHH:mm` in the tenant's time zone (an `<input type="datetime-local">`), or empty. */
  publishAt?: string;
}

export interface ArticleInput {
  title: string;
  summary: string;
  bodyMarkdown: string;
  publishAt: Date | null;
}

export const LIMITS = { title: 200, summary: 500, body: 100_000 };

/** Checks the draft form; every wrong field at once, as `field → error code`. */
export function parseArticleForm(form: ArticleForm, timeZone: string): ArticleInput {
  const errors: Record<string, string> = {};
  const title = String(form.title ?? '').trim();
  const summary = String(form.summary ?? '').trim();
  const bodyMarkdown = String(form.body ?? '').replace(/\r\n/g, '\n').trim();
  const rawPublishAt = String(form.publishAt ?? '').trim();
  if (!title) errors.title = 'required';
  else if (title.length > LIMITS.title) errors.title = 'too-long';
  if (summary.length > LIMITS.summary) errors.summary = 'too-long';
  if (!bodyMarkdown) errors.body = 'required';
  else if (bodyMarkdown.length > LIMITS.body) errors.body = 'too-long';
  let publishAt: Date | null = null;
  if (rawPublishAt) {
    publishAt = zonedToUtc(rawPublishAt, timeZone);
    if (!publishAt) errors.publishAt = 'invalid';
  }
  if (Object.keys(errors).length) throw new NewsError(NewsErrorCode.Invalid, errors);
  return { title, summary, bodyMarkdown, publishAt };
}

/** A URL slug from a title: lower-case ASCII words joined by hyphens. */
export function slugify(title: string): string {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
  return slug || 'berita';
}

/** `2026-03-01T09:30` read as a wall-clock time in `timeZone`, or null when it is no such time. */
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // The zone's offset at that moment (twice, to settle near a DST change).
  let utc = asUtc - offsetOf(asUtc, timeZone);
  utc = asUtc - offsetOf(utc, timeZone);
  return new Date(utc);
}

/** A UTC time as `YYYY-MM-DDTHH:mm` in `timeZone`, for a datetime-local input. */
export function utcToZoned(at: Date, timeZone: string): string {
  const p = partsOf(at.getTime(), timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

function offsetOf(utc: number, timeZone: string): number {
  const p = partsOf(utc, timeZone);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute) - Math.floor(utc / 60_000) * 60_000;
}

function partsOf(utc: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(utc));
  const get = (type: string) => parts.find((x) => x.type === type)!.value;
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}
