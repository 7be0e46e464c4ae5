import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { Locale, serviceTitle, TenantContext } from '@app/tenancy';
import { formatDateTime, utcToWallClock } from '@app/config';
import { ViewEngine } from '@app/views';
import { ArticleForm, LIMITS } from '../article-input';
import { ARTICLE_STATUSES, ArticleStatus, NewsArticle, NewsEvent } from '../entities';
import { renderMarkdown } from '../markdown/markdown-renderer';
import { NewsError, NewsErrorCode } from '../news-error';
import { allowedActions, isWriter, NewsActor } from '../workflow/news-workflow';

export function coverUrl(article: NewsArticle): string | null {
  // The key changes with every new cover, so its last part busts caches.
  return article.coverPhotoKey
    ? `/berita/sampul/${article.id}?v=${encodeURIComponent(article.coverPhotoKey.split('/').pop()!.split('.')[0].slice(0, 8))}`
    : null;
}

export interface FormError {
  field: string;
  key: string;
}

/**
 * View models of the news pages, portal and console. The article body is the
 * only HTML a model carries (`bodyHtml`), and it comes from the safe renderer.
 */
@Injectable()
export class NewsPagesMapper {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  index(locale: Locale, page: number, result: { items: NewsArticle[]; hasMore: boolean }) {
    const title = serviceTitle(this.context.tenant, 'news', locale);
    return {
      title,
      heading: title,
      items: result.items.map((a) => ({
        title: a.title,
        summary: a.summary,
        href: `/berita/${a.slug}`,
        coverUrl: coverUrl(a),
        date: this.date(a.publishedAt!, locale),
        datetime: a.publishedAt!.toISOString(),
      })),
      pagination:
        page > 1 || result.hasMore
          ? {
              page,
              prev: page > 1 ? (page === 2 ? '/berita' : `/berita?halaman=${page - 1}`) : null,
              next: result.hasMore ? `/berita?halaman=${page + 1}` : null,
            }
          : null,
    };
  }

  article(locale: Locale, article: NewsArticle) {
    return {
      title: article.title,
      service: serviceTitle(this.context.tenant, 'news', locale),
      article: this.articleView(locale, article),
    };
  }

  /** The console's list of articles, with a tab per status. */
  adminList(
    locale: Locale,
    actor: NewsActor,
    status: ArticleStatus | undefined,
    page: number,
    counts: Record<ArticleStatus, number>,
    result: { items: NewsArticle[]; hasMore: boolean },
  ) {
    const query = (p: number) => {
      const q = new URLSearchParams();
      if (status) q.set('status', status);
      if (p > 1) q.set('halaman', String(p));
      const s = q.toString();
      return `/admin/berita${s ? `?${s}` : ''}`;
    };
    return {
      title: this.text(locale, 'admin.news.title'),
      adminSection: 'berita',
      canWrite: isWriter(actor.role),
      tabs: [
        {
          href: '/admin/berita',
          label: this.text(locale, 'admin.news.status.all'),
          current: !status,
          count: Object.values(counts).reduce((a, b) => a + b, 0),
        },
        ...ARTICLE_STATUSES.map((s) => ({
          href: `/admin/berita?status=${s}`,
          label: this.text(locale, `admin.news.status.${s}`),
          current: status === s,
          count: counts[s],
        })),
      ],
      items: result.items.map((a) => ({
        title: a.title,
        href: `/admin/berita/${a.id}`,
        author: a.authorName,
        status: a.status,
        statusLabel: this.text(locale, `admin.news.status.${a.status}`),
        updated: this.date(a.updatedAt, locale),
        mine: a.authorAccountId === actor.accountId,
        scheduled: a.status === 'published' && a.publishedAt !== null && a.publishedAt > this.clock.now(),
      })),
      pagination:
        page > 1 || result.hasMore
          ? { page, prev: page > 1 ? query(page - 1) : null, next: result.hasMore ? query(page + 1) : null }
          : null,
    };
  }

  /** An article in the console: its preview, timeline, and a form per action open to the actor. */
  adminArticle(
    locale: Locale,
    actor: NewsActor,
    article: NewsArticle,
    timeline: NewsEvent[],
    extra: { done?: string; error?: NewsError } = {},
  ) {
    const actions = allowedActions(actor, article);
    const own = article.authorAccountId === actor.accountId;
    const inReview = article.status === 'in_review';
    return {
      title: article.title,
      adminSection: 'berita',
      article: this.articleView(locale, article),
      id: article.id,
      status: article.status,
      statusLabel: this.text(locale, `admin.news.status.${article.status}`),
      publicHref: article.status === 'published' ? `/berita/${article.slug}` : null,
      scheduled: article.status === 'published' && article.publishedAt !== null && article.publishedAt > this.clock.now(),
      proposedTime: article.status !== 'published' && article.publishedAt ? this.date(article.publishedAt, locale) : null,
      author: article.authorName,
      own,
      can: Object.fromEntries(actions.map((a) => [a, true])),
      // Why the publish button is missing for the author of an article in review: the two-person rule.
      ownInReview: own && inReview,
      timeline: timeline.map((e) => ({
        text: this.text(locale, `admin.news.timeline.${e.kind}`, { name: e.actorName }),
        note: e.note,
        when: this.date(e.createdAt, locale),
        datetime: e.createdAt.toISOString(),
      })),
      done:
        extra.done && ['created', 'edited', 'submitted', 'published', 'rejected', 'unpublished'].includes(extra.done)
          ? this.text(locale, `admin.news.done.${extra.done}`)
          : null,
      error: extra.error ? this.errorMessage(locale, extra.error) : null,
    };
  }

  /** The draft form, new or for an article, with what was typed and the errors of the last try. */
  form(locale: Locale, article: NewsArticle | null, values: ArticleForm | null, extra: { error?: NewsError; preview?: string } = {}) {
    const timezone = this.context.tenant.config.timezone;
    const v =
      values ??
      (article
        ? {
            title: article.title,
            summary: article.summary,
            body: article.bodyMarkdown,
            publishAt: article.publishedAt ? utcToWallClock(article.publishedAt, timezone) : '',
          }
        : {});
    const fields = extra.error?.code === NewsErrorCode.Invalid ? extra.error.fields : {};
    const errors: FormError[] = Object.entries(fields).map(([field, code]) => ({ field, key: `admin.news.fieldErrors.${field}.${code}` }));
    if (extra.error && extra.error.code !== NewsErrorCode.Invalid)
      errors.push({
        field: extra.error.code === NewsErrorCode.CoverInvalid ? 'cover' : 'title',
        key: `admin.news.errors.${extra.error.code}`,
      });
    const errorOf = Object.fromEntries(errors.map((e) => [e.field, this.text(locale, e.key)]));
    return {
      title: this.text(locale, article ? 'admin.news.form.editTitle' : 'admin.news.form.newTitle'),
      adminSection: 'berita',
      action: article ? `/admin/berita/${article.id}/ubah` : '/admin/berita/baru',
      back: article ? `/admin/berita/${article.id}` : '/admin/berita',
      values: { title: v.title ?? '', summary: v.summary ?? '', body: v.body ?? '', publishAt: v.publishAt ?? '' },
      unpublished: article?.status === 'unpublished',
      coverUrl: article ? coverUrl(article) : null,
      limits: { ...LIMITS, coverMb: 5 },
      timezone,
      errors,
      errorOf,
      preview: extra.preview ?? null,
    };
  }

  errorMessage(locale: Locale, error: NewsError): string {
    return this.text(locale, `admin.news.errors.${error.code}`);
  }

  private articleView(locale: Locale, article: NewsArticle) {
    return {
      title: article.title,
      summary: article.summary,
      bodyHtml: renderMarkdown(article.bodyMarkdown),
      coverUrl: coverUrl(article),
      date: article.publishedAt ? this.date(article.publishedAt, locale) : null,
      datetime: article.publishedAt?.toISOString() ?? null,
    };
  }

  private date(at: Date, locale: Locale): string {
    return formatDateTime(at, locale, this.context.tenant.config.timezone);
  }

  private text(locale: Locale, key: string, params?: Record<string, unknown>): string {
    return this.views.text(this.context.tenant, locale, key, params);
  }
}
