import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { AuditService } from '@app/audit';
import { TenantContext } from '@app/tenancy';
import { PageCacheSync } from '@app/views';
import { NewsArticle, NewsEvent } from './entities';
import { MediaStorage } from '@app/media';
import { NewsEditorialService } from './news-editorial.service';
import { NewsError, NewsErrorCode } from './news-error';
import { ArticleChanges, NewArticle, NewEvent, NewsRepository } from './news.repository';
import { NewsService } from './news.service';
import { NewsActor } from './workflow/news-workflow';

/*
 * The editorial rules through the services, with the repository in memory:
 * who may see, edit, publish; the two-person rule; scheduled publication;
 * what the audit log records. The CHECK constraint and RLS behind them are
 * proved on PostgreSQL in test/news.
 */

let now = new Date('2026-03-05T03:00:00Z');
const clock = { now: () => now };

class FakeNewsRepository {
  readonly articles: NewsArticle[] = [];
  readonly events: (NewEvent & { articleId: string })[] = [];

  create(article: NewArticle, slugs: string[], event: NewEvent) {
    const slug = slugs.find((s) => !this.articles.some((a) => a.slug === s))!;
    const saved = {
      ...article,
      tenantId: 'jakarta',
      id: randomUUID(),
      slug,
      status: 'draft',
      submittedAt: null,
      reviewedBy: null,
      createdAt: now,
      updatedAt: now,
    } as NewsArticle;
    this.articles.push(saved);
    this.events.push({ ...event, articleId: saved.id });
    return Promise.resolve({ ...saved });
  }

  findById(id: string) {
    const found = this.articles.find((a) => a.id === id);
    return Promise.resolve(found ? { ...found } : null);
  }

  findBySlug(slug: string) {
    const found = this.articles.find((a) => a.slug === slug);
    return Promise.resolve(found ? { ...found } : null);
  }

  timeline(id: string) {
    return Promise.resolve(this.events.filter((e) => e.articleId === id) as unknown as NewsEvent[]);
  }

  list(q: { authorAccountId?: string }) {
    return Promise.resolve({
      items: this.articles.filter((a) => !q.authorAccountId || a.authorAccountId === q.authorAccountId),
      hasMore: false,
    });
  }

  /** As the real one: the decision runs on the locked current row; a throw leaves it untouched. */
  update(id: string, decide: (current: NewsArticle) => { changes: ArticleChanges; event: NewEvent }) {
    const stored = this.articles.find((a) => a.id === id);
    if (!stored) return Promise.resolve(null);
    const { changes, event } = decide({ ...stored });
    Object.assign(stored, changes, { updatedAt: now });
    this.events.push({ ...event, articleId: id });
    return Promise.resolve({ ...stored });
  }

  published(at: Date) {
    const items = this.articles.filter((a) => a.status === 'published' && a.publishedAt! <= at);
    return Promise.resolve({ items, hasMore: false });
  }
}

function setup() {
  const repo = new FakeNewsRepository();
  const audit: { action: string; actor: string; changes: Record<string, unknown> }[] = [];
  const auditService = {
    record: (actor: { label: string }, r: { action: string; changes: Record<string, unknown> }) => {
      audit.push({ action: r.action, actor: actor.label, changes: r.changes });
      return Promise.resolve();
    },
  } as unknown as AuditService;
  const context = { tenant: { slug: 'jakarta' } } as unknown as TenantContext;
  const covers = {} as MediaStorage;
  const invalidated: (string | undefined)[] = [];
  const pages = { changed: (slug: string) => Promise.resolve(void invalidated.push(slug)) } as unknown as PageCacheSync;
  const editorial = new NewsEditorialService(repo as unknown as NewsRepository, covers, auditService, context, clock, pages);
  const news = new NewsService(repo as unknown as NewsRepository, covers, clock);
  return { repo, audit, editorial, news, invalidated };
}

const actor = (role: string, id = role): NewsActor => ({ accountId: `${id}-id`, role, name: id, email: `${id}@pemprov.example` });
const editor = actor('editor');
const reviewer = actor('reviewer');
const input = (over: Partial<{ title: string; publishAt: Date | null }> = {}) => ({
  title: 'Banjir surut di Kampung Melayu',
  summary: 'Air telah surut.',
  bodyMarkdown: 'Warga kembali ke rumah.',
  publishAt: null,
  ...over,
});
const refused = (code: NewsErrorCode) => (e: unknown) => e instanceof NewsError && e.code === code;

describe('NewsEditorialService', () => {
  test('an article goes draft → review → published only through a reviewer who is not its author, and is audited', async () => {
    const { editorial, news, audit, invalidated } = setup();
    const draft = await editorial.create(editor, { input: input() });
    await assert.rejects(() => news.article(draft.slug), refused(NewsErrorCode.NotFound), 'a draft is not public');
    await editorial.submit(editor, draft.id);
    await assert.rejects(() => editorial.publish(editor, draft.id), refused(NewsErrorCode.NotReviewer));
    const published = await editorial.publish(reviewer, draft.id);
    assert.equal(published.status, 'published');
    assert.equal(published.reviewedBy, reviewer.accountId);
    assert.equal(published.publishedAt?.getTime(), now.getTime());
    assert.equal((await news.article(draft.slug)).id, draft.id);
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor]),
      [
        ['news.submit', editor.email],
        ['news.publish', reviewer.email],
      ],
    );
    assert.deepEqual(invalidated, ['jakarta'], "publishing drops the tenant's cached anonymous pages (and only then)");
    await editorial.unpublish(reviewer, draft.id, '');
    assert.deepEqual(invalidated, ['jakarta', 'jakarta']);
  });

  test('an admin who wrote an article cannot publish it; another admin can', async () => {
    const { editorial } = setup();
    const admin = actor('admin', 'admin-1');
    const draft = await editorial.create(admin, { input: input() });
    await editorial.submit(admin, draft.id);
    await assert.rejects(() => editorial.publish(admin, draft.id), refused(NewsErrorCode.OwnArticle));
    assert.equal((await editorial.publish(actor('admin', 'admin-2'), draft.id)).status, 'published');
  });

  test('an editor sees and edits only their own articles; another editor is told it does not exist', async () => {
    const { editorial } = setup();
    const other = actor('editor', 'editor-2');
    const mine = await editorial.create(editor, { input: input() });
    await editorial.create(other, { input: input({ title: 'Jadwal CFD' }) });
    assert.deepEqual(
      (await editorial.list(editor, undefined, 1)).items.map((a) => a.id),
      [mine.id],
    );
    assert.equal((await editorial.list(reviewer, undefined, 1)).items.length, 2, 'reviewers see every article');
    await assert.rejects(() => editorial.find(other, mine.id), refused(NewsErrorCode.NotFound));
    await assert.rejects(() => editorial.update(other, mine.id, { input: input({ title: 'Diubah' }) }), refused(NewsErrorCode.NotFound));
    await assert.rejects(() => editorial.create(reviewer, { input: input() }), refused(NewsErrorCode.NotAuthor));
  });

  test('a rejection needs a note and sends the article back to its author as a draft', async () => {
    const { editorial, repo } = setup();
    const draft = await editorial.create(editor, { input: input() });
    await editorial.submit(editor, draft.id);
    await assert.rejects(() => editorial.reject(reviewer, draft.id, '   '), refused(NewsErrorCode.NoteRequired));
    const back = await editorial.reject(reviewer, draft.id, 'Sumber foto belum dicantumkan.');
    assert.equal(back.status, 'draft');
    assert.equal(repo.events.at(-1)?.note, 'Sumber foto belum dicantumkan.');
  });

  test('a published article is never edited in place: unpublished first, then it needs review again', async () => {
    const { editorial } = setup();
    const draft = await editorial.create(editor, { input: input() });
    await editorial.submit(editor, draft.id);
    await editorial.publish(reviewer, draft.id);
    await assert.rejects(
      () => editorial.update(editor, draft.id, { input: input({ title: 'Diubah' }) }),
      refused(NewsErrorCode.WrongStatus),
    );
    await editorial.unpublish(reviewer, draft.id, 'Koreksi data');
    const edited = await editorial.update(editor, draft.id, { input: input({ title: 'Banjir surut (koreksi)' }) });
    assert.equal(edited.status, 'draft');
    assert.equal(edited.reviewedBy, null);
  });

  test('a scheduled article keeps its time and is public only once it has come', async () => {
    const { editorial, news } = setup();
    const later = new Date(now.getTime() + 3_600_000);
    const draft = await editorial.create(editor, { input: input({ publishAt: later }) });
    await editorial.submit(editor, draft.id);
    assert.equal((await editorial.publish(reviewer, draft.id)).publishedAt?.getTime(), later.getTime());
    await assert.rejects(() => news.article(draft.slug), refused(NewsErrorCode.NotFound));
    assert.equal((await news.published(1)).items.length, 0);
    const before = now;
    now = new Date(later.getTime() + 1);
    try {
      assert.equal((await news.article(draft.slug)).id, draft.id);
      assert.equal((await news.published(1)).items.length, 1);
    } finally {
      now = before;
    }
  });
});
