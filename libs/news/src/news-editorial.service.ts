import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { AuditService } from '@app/audit';
import { Clock } from '@app/config';
import { inspectPhoto, MediaStorage } from '@app/media';
import { TenantContext } from '@app/tenancy';
import { PageCacheSync } from '@app/views';
import { ArticleInput, slugify } from './article-input';
import { ArticleStatus, NewsArticle, NewsEvent } from './entities';
import { COVER_MAX_BYTES, coverKey } from './news-covers';
import { NewsError, NewsErrorCode } from './news-error';
import { ArticleChanges, NewEvent, NewsRepository } from './news.repository';
import { assertAllowed, isReviewer, isWriter, NewsAction, NewsActor, publicationTime } from './workflow/news-workflow';

export interface CoverUpload {
  data: Buffer;
}

export interface DraftChanges {
  input: ArticleInput;
  cover?: CoverUpload;
  removeCover?: boolean;
}

export const NOTE_MAX = 1000;

/**
 * The editorial side of news: drafts by their author, review by someone
 * else. Every rule is in `assertAllowed` (and again in the database); this
 * service applies it under a row lock and records each step in the article's
 * timeline and in the audit log.
 */
@Injectable()
export class NewsEditorialService {
  constructor(
    private readonly articles: NewsRepository,
    private readonly covers: MediaStorage,
    private readonly audit: AuditService,
    private readonly context: TenantContext,
    private readonly clock: Clock,
    private readonly pages: PageCacheSync,
  ) {}

  /** The console's list: reviewers and admins see every article, an editor only their own. */
  list(actor: NewsActor, status: ArticleStatus | undefined, page: number, pageSize = 20) {
    return this.articles.list({ status, page, pageSize, authorAccountId: isReviewer(actor.role) ? undefined : actor.accountId });
  }

  counts(actor: NewsActor) {
    return this.articles.countByStatus(isReviewer(actor.role) ? undefined : actor.accountId);
  }

  /** An article as the console shows it, with its timeline; NotFound for one the actor may not see. */
  async find(actor: NewsActor, id: string): Promise<{ article: NewsArticle; timeline: NewsEvent[] }> {
    const article = await this.articles.findById(id);
    if (!article || !this.maySee(actor, article)) throw new NewsError(NewsErrorCode.NotFound);
    return { article, timeline: await this.articles.timeline(id) };
  }

  async create(actor: NewsActor, draft: DraftChanges): Promise<NewsArticle> {
    this.assertWriter(actor);
    const id = randomUUID();
    const cover = draft.cover ? await this.storeCover(id, draft.cover) : { coverPhotoKey: null, coverContentType: null };
    const base = slugify(draft.input.title);
    const slugs = [base, ...[2, 3, 4, 5].map((n) => `${base}-${n}`), `${base}-${randomBytes(3).toString('hex')}`];
    const article = await this.articles.create(
      {
        title: draft.input.title,
        summary: draft.input.summary,
        bodyMarkdown: draft.input.bodyMarkdown,
        authorAccountId: actor.accountId,
        authorName: actor.name,
        publishedAt: draft.input.publishAt,
        ...cover,
      },
      slugs,
      this.event(actor, 'created'),
    );
    return article;
  }

  /** Edits a draft (or an unpublished article, which becomes a draft again and needs review anew). */
  async update(actor: NewsActor, id: string, draft: DraftChanges): Promise<NewsArticle> {
    await this.find(actor, id).then(({ article }) => assertAllowed(actor, article, 'edit'));
    const cover = draft.cover
      ? await this.storeCover(id, draft.cover)
      : draft.removeCover
        ? { coverPhotoKey: null, coverContentType: null }
        : {};
    return this.transition(actor, id, 'edit', () => ({
      changes: {
        title: draft.input.title,
        summary: draft.input.summary,
        bodyMarkdown: draft.input.bodyMarkdown,
        publishedAt: draft.input.publishAt,
        status: 'draft',
        reviewedBy: null,
        ...cover,
      },
      event: this.event(actor, 'edited'),
    }));
  }

  async submit(actor: NewsActor, id: string): Promise<NewsArticle> {
    const now = this.clock.now();
    const article = await this.transition(actor, id, 'submit', () => ({
      changes: { status: 'in_review', submittedAt: now, reviewedBy: null },
      event: this.event(actor, 'submitted'),
    }));
    await this.record(actor, 'news.submit', article, 'submitted for review', { status: { from: 'draft', to: 'in_review' } });
    return article;
  }

  /** Publishes an article in review: the reviewer must not be its author (checked here, and by a CHECK constraint). */
  async publish(actor: NewsActor, id: string): Promise<NewsArticle> {
    const now = this.clock.now();
    const article = await this.transition(actor, id, 'publish', (current) => ({
      changes: { status: 'published', reviewedBy: actor.accountId, publishedAt: publicationTime(current.publishedAt, now) },
      event: this.event(actor, 'published'),
    }));
    // Cached anonymous pages (home highlights, news list) show it at once, on every instance.
    await this.pages.changed(this.context.tenant.slug);
    await this.record(actor, 'news.publish', article, `published, public from ${article.publishedAt!.toISOString()}`, {
      status: { from: 'in_review', to: 'published' },
      publishedAt: article.publishedAt!.toISOString(),
      author: article.authorAccountId,
    });
    return article;
  }

  /** Sends an article in review back to its author as a draft, with the reviewer's note. */
  async reject(actor: NewsActor, id: string, note: string): Promise<NewsArticle> {
    const text = note.trim();
    if (!text) throw new NewsError(NewsErrorCode.NoteRequired);
    const article = await this.transition(actor, id, 'reject', () => ({
      changes: { status: 'draft', reviewedBy: null },
      event: this.event(actor, 'rejected', text.slice(0, NOTE_MAX)),
    }));
    await this.record(actor, 'news.reject', article, 'sent back to the author', {
      status: { from: 'in_review', to: 'draft' },
      note: text.slice(0, NOTE_MAX),
    });
    return article;
  }

  /** Takes a published article off the portal; its author may then edit it and send it for review again. */
  async unpublish(actor: NewsActor, id: string, note: string): Promise<NewsArticle> {
    const text = note.trim().slice(0, NOTE_MAX) || null;
    const article = await this.transition(actor, id, 'unpublish', () => ({
      changes: { status: 'unpublished' },
      event: this.event(actor, 'unpublished', text),
    }));
    await this.pages.changed(this.context.tenant.slug);
    await this.record(actor, 'news.unpublish', article, 'taken off the portal', {
      status: { from: 'published', to: 'unpublished' },
      ...(text ? { note: text } : {}),
    });
    return article;
  }

  /** Refuses (403) a reader who does not write articles: reviewers publish, they do not author. */
  assertWriter(actor: NewsActor): void {
    if (!isWriter(actor.role)) throw new NewsError(NewsErrorCode.NotAuthor);
  }

  assertMay(actor: NewsActor, article: NewsArticle, action: NewsAction): void {
    assertAllowed(actor, article, action);
  }

  maySee(actor: Pick<NewsActor, 'accountId' | 'role'>, article: NewsArticle): boolean {
    return isReviewer(actor.role) || article.authorAccountId === actor.accountId;
  }

  private async transition(
    actor: NewsActor,
    id: string,
    action: NewsAction,
    changes: (current: NewsArticle) => { changes: ArticleChanges; event: NewEvent },
  ): Promise<NewsArticle> {
    const updated = await this.articles.update(id, (current) => {
      if (!this.maySee(actor, current)) throw new NewsError(NewsErrorCode.NotFound);
      assertAllowed(actor, current, action);
      return changes(current);
    });
    if (!updated) throw new NewsError(NewsErrorCode.NotFound);
    return updated;
  }

  private event(actor: NewsActor, kind: NewEvent['kind'], note: string | null = null): NewEvent {
    return { kind, actorAccountId: actor.accountId, actorName: actor.name, note, at: this.clock.now() };
  }

  private record(actor: NewsActor, action: string, article: NewsArticle, summary: string, changes: Record<string, unknown>) {
    return this.audit.record(
      { accountId: actor.accountId, label: actor.email, ip: actor.ip ?? null },
      {
        action,
        target: article.slug,
        summary: `${article.title}: ${summary}`,
        changes: { article: article.id, ...changes },
      },
    );
  }

  private async storeCover(
    articleId: string,
    upload: CoverUpload,
  ): Promise<{ coverPhotoKey: string | null; coverContentType: string | null }> {
    let photo;
    try {
      photo = await inspectPhoto(upload.data, COVER_MAX_BYTES);
    } catch {
      throw new NewsError(NewsErrorCode.CoverInvalid);
    }
    const key = coverKey(this.context.tenant.slug, articleId, randomUUID(), photo.extension);
    await this.covers.put(key, photo.data, photo.contentType);
    return { coverPhotoKey: key, coverContentType: photo.contentType };
  }
}
