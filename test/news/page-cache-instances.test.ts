import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AccountsService } from '@app/accounts';
import { NewsActor, NewsEditorialService } from '@app/news';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { PageCache } from '@app/views';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';

const JAKARTA = 'jakarta.localhost';
const LAMPUNG = 'lampung.localhost';

/** Polls `check` every 50 ms until it holds or `ms` pass. */
async function within(ms: number, what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Two instances behind one load balancer, on one database: news published
 * through one shows at once on the other's cached anonymous pages (NOTIFY on
 * the page-cache channel), and no other tenant's cached pages are dropped.
 */
describe('cached anonymous pages across instances', () => {
  let db: TestDatabase;
  let a: RunningPlatform;
  let b: RunningPlatform;
  const onB = (path: string, host = JAKARTA) => request(b.url, path, { host, headers: { accept: 'text/html' } });

  before(async () => {
    db = await createTestDatabase();
    a = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false', JOB_WORKERS: 'false' });
    b = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false', JOB_WORKERS: 'false', MIGRATE_ON_BOOT: 'false' });
  });
  after(async () => {
    await b?.close();
    await a?.close();
    await db?.drop();
  });

  /** Drafts, submits and publishes an article through instance A's editorial service, as two Jakarta staff. */
  async function publishOnA(title: string, action: 'publish' | 'unpublish' = 'publish', id?: string): Promise<string> {
    const jakarta = a.app.get(TenantRegistry).getOrThrow('jakarta');
    const editorial = a.app.get(NewsEditorialService);
    const accounts = a.app.get(AccountsService);
    return a.app.get(TenantContext).run(jakarta, async () => {
      const staff = async (role: 'editor' | 'reviewer'): Promise<NewsActor> => {
        const email = `${role}-${Math.random().toString(36).slice(2, 8)}@instances.test`;
        const made = await accounts.createStaff({ email, password: 'kata-sandi-panjang', displayName: role, role });
        return { accountId: made.id, role, name: role, email };
      };
      const reviewer = await staff('reviewer');
      if (action === 'unpublish') return (await editorial.unpublish(reviewer, id!, 'ditarik')).id;
      const editor = await staff('editor');
      const draft = await editorial.create(editor, { input: { title, summary: 'Ringkasan.', bodyMarkdown: 'Isi.', publishAt: null } });
      await editorial.submit(editor, draft.id);
      return (await editorial.publish(reviewer, draft.id)).id;
    });
  }

  test("news published on A shows on B's cached news list and home within 2 s; Lampung's cached page on B stays", async () => {
    // B renders and caches Jakarta's news list and home, and Lampung's home.
    for (const path of ['/berita', '/']) assert.doesNotMatch((await onB(path)).body, /Pasar murah di Tanah Abang/);
    const lampung = await onB('/', LAMPUNG);
    assert.equal(lampung.status, 200);
    const cache = b.app.get(PageCache);
    const lampungTenant = b.app.get(TenantRegistry).getOrThrow('lampung');
    const lampungKey = cache.key(lampungTenant, 'id', '/');
    const cached = cache.get(lampungTenant, lampungKey);
    assert.ok(cached, "Lampung's home is in B's cache");

    const id = await publishOnA('Pasar murah di Tanah Abang');
    await within(2000, "B's news list", async () => /Pasar murah di Tanah Abang/.test((await onB('/berita')).body));
    await within(2000, "B's home", async () => /Pasar murah di Tanah Abang/.test((await onB('/')).body));
    assert.equal(cache.get(lampungTenant, lampungKey), cached, "Lampung's cached home on B was not dropped");
    assert.equal((await onB('/', LAMPUNG)).headers.etag, lampung.headers.etag);

    // Taking it off the portal reaches B too.
    await publishOnA('', 'unpublish', id);
    await within(2000, "B's news list after unpublishing", async () => !/Pasar murah di Tanah Abang/.test((await onB('/berita')).body));
  });
});
