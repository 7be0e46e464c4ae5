import { wallClockToUtc } from '@app/config';
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
  const bodyMarkdown = String(form.body ?? '')
    .replace(/\r\n/g, '\n')
    .trim();
  const rawPublishAt = String(form.publishAt ?? '').trim();
  if (!title) errors.title = 'required';
  else if (title.length > LIMITS.title) errors.title = 'too-long';
  if (summary.length > LIMITS.summary) errors.summary = 'too-long';
  if (!bodyMarkdown) errors.body = 'required';
  else if (bodyMarkdown.length > LIMITS.body) errors.body = 'too-long';
  let publishAt: Date | null = null;
  if (rawPublishAt) {
    publishAt = wallClockToUtc(rawPublishAt, timeZone);
    if (!publishAt) errors.publishAt = 'invalid';
  }
  if (Object.keys(errors).length) throw new NewsError(NewsErrorCode.Invalid, errors);
  return { title, summary, bodyMarkdown, publishAt };
}

/** A URL slug from a title: lower-case ASCII words joined by hyphens. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'berita';
}
