import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { EntityManager } from 'typeorm';
import { ArticleStatus, NewsArticle, NewsEvent, NewsEventKind } from './entities';

export type NewArticle = Pick<
  NewsArticle,
  'title' | 'summary' | 'bodyMarkdown' | 'coverPhotoKey' | 'coverContentType' | 'authorAccountId' | 'authorName' | 'publishedAt'
>;
export type ArticleChanges = Partial<Omit<NewsArticle, 'tenantId' | 'id' | 'authorAccountId' | 'authorName' | 'createdAt' | 'slug'>>;

export interface NewEvent {
  kind: NewsEventKind;
  actorAccountId: string;
  actorName: string;
  note?: string | null;
  at: Date;
}

export interface AdminListQuery {
  status?: ArticleStatus;
  /** Only this author's articles. */
  authorAccountId?: string;
  page: number;
  pageSize: number;
}

/**
 * Every query on news, each inside the tenant's transaction: row-level
 * security filters the rows, so an id or slug of another tenant finds nothing.
 */
@Injectable()
export class NewsRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  /** Published articles whose publish time has come, newest first. */
  published(now: Date, page: number, pageSize: number): Promise<{ items: NewsArticle[]; hasMore: boolean }> {
    return this.db.transaction(async (m) => {
      const rows = await m
        .createQueryBuilder(NewsArticle, 'a')
        .where(`a.status = 'published'`)
        .andWhere('a.published_at <= :now', { now })
        .orderBy('a.published_at', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .offset((page - 1) * pageSize)
        .limit(pageSize + 1)
        .getMany();
      return { items: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
    });
  }

  findBySlug(slug: string): Promise<NewsArticle | null> {
    return this.db.transaction((m) => m.findOneBy(NewsArticle, { slug }));
  }

  findById(id: string): Promise<NewsArticle | null> {
    return this.db.transaction((m) => m.findOneBy(NewsArticle, { id }));
  }

  /** The console's list: one status or all, most recently changed first. */
  list(q: AdminListQuery): Promise<{ items: NewsArticle[]; hasMore: boolean }> {
    return this.db.transaction(async (m) => {
      const qb = m.createQueryBuilder(NewsArticle, 'a');
      if (q.status) qb.andWhere('a.status = :status', { status: q.status });
      if (q.authorAccountId) qb.andWhere('a.author_account_id = :author', { author: q.authorAccountId });
      const rows = await qb
        .orderBy('a.updated_at', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .offset((q.page - 1) * q.pageSize)
        .limit(q.pageSize + 1)
        .getMany();
      return { items: rows.slice(0, q.pageSize), hasMore: rows.length > q.pageSize };
    });
  }

  /** Articles per status (of one author when given). */
  countByStatus(authorAccountId?: string): Promise<Record<ArticleStatus, number>> {
    return this.db.transaction(async (m) => {
      const rows: { status: ArticleStatus; n: string }[] = await m.query(
        `SELECT status, count(*) AS n FROM news_articles WHERE ($1::uuid IS NULL OR author_account_id = $1::uuid) GROUP BY status`,
        [authorAccountId ?? null],
      );
      const counts = { draft: 0, in_review: 0, published: 0, unpublished: 0 };
      for (const r of rows) counts[r.status] = Number(r.n);
      return counts;
    });
  }

  timeline(articleId: string): Promise<NewsEvent[]> {
    return this.db.transaction((m) => m.find(NewsEvent, { where: { articleId }, order: { seq: 'ASC' } }));
  }

  /**
   * Stores a new draft under the first free slug of `slugs` (tried in order),
   * with its first event.
   */
  create(article: NewArticle, slugs: string[], event: NewEvent): Promise<NewsArticle> {
    const tenantId = this.context.tenant.slug;
    return this.db.transaction(async (m) => {
      const taken = new Set(
        (await m.query<{ slug: string }[]>(`SELECT slug FROM news_articles WHERE slug = ANY($1::text[])`, [slugs])).map((r) => r.slug),
      );
      const slug = slugs.find((s) => !taken.has(s));
      if (!slug) throw new Error('no free slug among the candidates');
      const saved = await m.save(
        m.create(NewsArticle, {
          ...article,
          tenantId,
          slug,
          status: 'draft',
          submittedAt: null,
          reviewedBy: null,
          createdAt: event.at,
          updatedAt: event.at,
        }),
      );
      await this.appendEvent(m, saved.id, event);
      return saved;
    });
  }

  /**
   * Changes an article under a row lock: `decide` sees the article as it is
   * now (so two reviewers cannot both act on one state) and returns the
   * changes and the event, or throws to refuse. Null when there is no such
   * article in this tenant.
   */
  update(id: string, decide: (current: NewsArticle) => { changes: ArticleChanges; event: NewEvent }): Promise<NewsArticle | null> {
    return this.db.transaction(async (m) => {
      const current = await m.createQueryBuilder(NewsArticle, 'a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
      if (!current) return null;
      const { changes, event } = decide(current);
      await m.update(NewsArticle, { tenantId: current.tenantId, id }, { ...changes, updatedAt: event.at });
      await this.appendEvent(m, id, event);
      return m.findOneByOrFail(NewsArticle, { tenantId: current.tenantId, id });
    });
  }

  private async appendEvent(m: EntityManager, articleId: string, event: NewEvent): Promise<void> {
    const tenantId = this.context.tenant.slug;
    const [{ next }] = await m.query<{ next: string | number }[]>(
      `SELECT coalesce(max(seq), 0) + 1 AS next FROM news_events WHERE article_id = $1`,
      [articleId],
    );
    await m.insert(NewsEvent, {
      tenantId,
      articleId,
      seq: Number(next),
      kind: event.kind,
      actorAccountId: event.actorAccountId,
      actorName: event.actorName,
      note: event.note ?? null,
      createdAt: event.at,
    });
  }
}
