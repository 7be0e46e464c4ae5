import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AccountsService, AccountView } from '@app/accounts';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { request, Response } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { pageCsrfToken } from '../support/csrf';
import { RunningPlatform, startPlatform } from '../support/platform';

const JAKARTA = 'jakarta.localhost';
const LAMPUNG = 'lampung.localhost';
const PASSWORD = 'kata-sandi-uji-berita-1';
const TENANTS = join(__dirname, '..', '..', '..', 'tenants');

type Who = 'editor' | 'editor2' | 'reviewer' | 'admin' | 'citizen' | 'anonymous';

/**
 * News on real PostgreSQL, through HTTP: an editor drafts and submits, the
 * author (even an admin) cannot publish, a reviewer publishes, the portal
 * shows it, unpublishing takes it away; Lampung (news disabled) answers 404,
 * and with news enabled it still never sees Jakarta's articles.
 */
describe('news: two-person publishing over HTTP', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  const sessions: Partial<Record<Who, string>> = {};
  const accounts: Partial<Record<Who, AccountView>> = {};
  const csrf: Record<string, { cookie: string; token: string }> = {};
  let article: { id: string; slug: string };

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    const context = platform.app.get(TenantContext);
    const service = platform.app.get(AccountsService);
    const jakarta = platform.app.get(TenantRegistry).getOrThrow('jakarta');
    await context.run(jakarta, async () => {
      const staff = (role: 'editor' | 'reviewer' | 'admin', email: string) =>
        service.createStaff({ email, password: PASSWORD, displayName: `Uji ${email.split('@')[0]}`, role });
      accounts.editor = await staff('editor', 'editor@jakarta.test');
      accounts.editor2 = await staff('editor', 'editor2@jakarta.test');
      accounts.reviewer = await staff('reviewer', 'peninjau@jakarta.test');
      accounts.admin = await staff('admin', 'admin@jakarta.test');
      accounts.citizen = await service.registerCitizen(
        { email: 'warga@jakarta.test', password: PASSWORD, displayName: 'Warga' },
        '127.0.0.1',
      );
      for (const who of ['editor', 'editor2', 'reviewer', 'admin', 'citizen'] as const)
        sessions[who] = (await service.startSession(accounts[who]!)).token;
    });
    for (const host of [JAKARTA, LAMPUNG]) csrf[host] = await csrfOf(platform, host);
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  const as = (
    who: Who,
    path: string,
    options: {
      method?: string;
      form?: Record<string, string>;
      multipart?: { fields: Record<string, string>; cover?: Buffer };
      host?: string;
    } = {},
  ) => call(platform, who === 'anonymous' ? undefined : sessions[who], path, { ...options, csrf: csrf[options.host ?? JAKARTA] });

  async function draft(who: Who, fields: Record<string, string>, cover?: Buffer): Promise<{ id: string; slug: string }> {
    const res = await as(who, '/admin/berita/baru', { method: 'POST', multipart: { fields, cover } });
    assert.equal(res.status, 303, res.body);
    const id = /^\/admin\/berita\/([0-9a-f-]{36})\?selesai=created$/.exec(String(res.headers.location))![1];
    const slug = await asOwner(
      db.url,
      async (c) => (await c.query<{ slug: string }>(`SELECT slug FROM news_articles WHERE id = $1`, [id])).rows[0].slug,
    );
    return { id, slug };
  }

  test('an editor drafts an article with a cover; its Markdown is rendered safely in the preview', async () => {
    article = await draft(
      'editor',
      {
        title: 'Banjir Rob di Muara Angke, Warga Diimbau Waspada',
        summary: 'BPBD DKI meminta warga pesisir utara <b>bersiaga</b>.',
        body: '# Peringatan\n\nWarga **Muara Angke** diimbau waspada.\n\n<script>alert("defaced")</script>\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n[Info BPBD](https://bpbd.jakarta.go.id)',
        publishAt: '',
      },
      await testPhoto(501),
    );
    assert.equal(article.slug, 'banjir-rob-di-muara-angke-warga-diimbau-waspada');
    const page = await as('editor', `/admin/berita/${article.id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1>Peringatan<\/h1>/);
    assert.match(page.body, /<strong>Muara Angke<\/strong>/);
    assert.match(page.body, /&lt;script&gt;alert\(&quot;defaced&quot;\)&lt;\/script&gt;/);
    assert.doesNotMatch(page.body, /<script>alert|<img[^>]*onerror|href="javascript/i);
    assert.match(page.body, /&lt;b&gt;bersiaga&lt;\/b&gt;/, 'the summary is escaped text');
    assert.match(page.body, /<a href="https:\/\/bpbd.jakarta.go.id" rel="noopener noreferrer nofollow">Info BPBD<\/a>/);
    assert.match(page.body, /id="news-submit"/);
    assert.doesNotMatch(page.body, /id="news-publish"/);
    // The cover is the staff's to see while it is a draft; nobody else's.
    const cover = /src="(\/berita\/sampul\/[^"]+)"/.exec(page.body)![1].replace(/&amp;/g, '&');
    assert.equal((await as('editor', cover)).status, 200);
    assert.equal((await as('anonymous', cover)).status, 404);
    assert.equal((await as('citizen', cover)).status, 404);
  });

  test('a draft is not on the portal, and cannot be published before review', async () => {
    assert.doesNotMatch((await as('anonymous', '/berita')).body, /Muara Angke/);
    assert.equal((await as('anonymous', `/berita/${article.slug}`)).status, 404);
    const early = await as('reviewer', `/admin/berita/${article.id}/terbitkan`, { method: 'POST', form: {} });
    assert.equal(early.status, 409);
  });

  test('only the author edits a draft', async () => {
    assert.equal((await as('editor2', `/admin/berita/${article.id}`)).status, 404, 'another editor does not see it');
    const other = await as('editor2', `/admin/berita/${article.id}/ubah`, {
      method: 'POST',
      multipart: { fields: { title: 'Diubah orang lain', body: 'x' } },
    });
    assert.equal(other.status, 404);
    const reviewerEdit = await as('reviewer', `/admin/berita/${article.id}/ubah`);
    assert.equal(reviewerEdit.status, 403);
  });

  test('the author submits and cannot publish their own article: 403 with a clear message', async () => {
    const submit = await as('editor', `/admin/berita/${article.id}/ajukan`, { method: 'POST', form: {} });
    assert.equal(submit.status, 303);
    const own = await as('editor', `/admin/berita/${article.id}/terbitkan`, { method: 'POST', form: {} });
    assert.equal(own.status, 403);
    assert.match(own.body, /Hanya peninjau yang dapat menerbitkan/);
    const page = await as('editor', `/admin/berita/${article.id}`);
    assert.doesNotMatch(page.body, /id="news-publish"/);
    assert.match(page.body, /orang lain yang harus meninjau dan menerbitkannya/);
    // In review, the draft is locked: not even its author edits it.
    assert.equal((await as('editor', `/admin/berita/${article.id}/ubah`)).status, 409);
  });

  test('an admin who wrote an article cannot publish it either; another reviewer can', async () => {
    const own = await draft('admin', { title: 'Pengumuman Admin', summary: '', body: 'Isi pengumuman.' });
    assert.equal((await as('admin', `/admin/berita/${own.id}/ajukan`, { method: 'POST', form: {} })).status, 303);
    const refused = await as('admin', `/admin/berita/${own.id}/terbitkan`, { method: 'POST', form: {} });
    assert.equal(refused.status, 403);
    assert.match(refused.body, /Anda tidak dapat menerbitkan berita yang Anda tulis sendiri/);
    assert.match(refused.body, /id="news-status">Ditinjau</);
    const english = await call(platform, sessions.admin, `/admin/berita/${own.id}/terbitkan?lang=en`, {
      method: 'POST',
      form: {},
      csrf: csrf[JAKARTA],
    });
    assert.equal(english.status, 403);
    assert.match(english.body, /You cannot publish an article you wrote yourself/);
    // The note is a typed form (NewsNoteForm): a note past its length or a field it does not have is a 400, said in Indonesian.
    const badForms: Record<string, string>[] = [{ note: 'x'.repeat(2001) }, { note: 'Tambahkan sumber.', status: 'published' }];
    for (const form of badForms) {
      const refusedForm = await as('reviewer', `/admin/berita/${own.id}/tolak`, { method: 'POST', form });
      assert.equal(refusedForm.status, 400, Object.keys(form).join());
      assert.match(refusedForm.body, /Permintaan berisi nilai yang tidak valid/);
    }
    // A reviewer sends it back with a note (a note is required).
    assert.equal((await as('reviewer', `/admin/berita/${own.id}/tolak`, { method: 'POST', form: { note: ' ' } })).status, 422);
    assert.equal(
      (await as('reviewer', `/admin/berita/${own.id}/tolak`, { method: 'POST', form: { note: 'Tambahkan sumber.' } })).status,
      303,
    );
    const back = await as('admin', `/admin/berita/${own.id}`);
    assert.match(back.body, /id="news-status">Draf</);
    assert.match(back.body, /Tambahkan sumber\./);
  });

  test('the database refuses a publication by the author and content changes after publication', async () => {
    await asOwner(db.url, async (c) => {
      await assert.rejects(
        c.query(`UPDATE news_articles SET status = 'published', reviewed_by = author_account_id, published_at = now() WHERE id = $1`, [
          article.id,
        ]),
        /news_articles_reviewer_not_author/,
      );
      await assert.rejects(
        c.query(`UPDATE news_articles SET status = 'published', published_at = now() WHERE id = $1`, [article.id]),
        /news_articles_published_reviewed/,
      );
      await assert.rejects(
        c.query(
          `INSERT INTO news_articles (tenant_id, slug, title, body_markdown, status, author_account_id, author_name, reviewed_by, published_at)
        VALUES ('jakarta', 'langsung-terbit', 'x', 'x', 'published', $1, 'x', $2, now())`,
          [accounts.editor!.id, accounts.reviewer!.id],
        ),
        /must start as a draft/,
      );
    });
  });

  test('a reviewer publishes; the article is on the portal, newest first, escaped', async () => {
    const published = await as('reviewer', `/admin/berita/${article.id}/terbitkan`, { method: 'POST', form: {} });
    assert.equal(published.status, 303);
    assert.equal(published.headers.location, `/admin/berita/${article.id}?selesai=published`);
    const list = await as('anonymous', '/berita');
    assert.equal(list.status, 200);
    assert.match(list.body, new RegExp(`href="/berita/${article.slug}"`));
    assert.match(list.body, /&lt;b&gt;bersiaga&lt;\/b&gt;/);
    const page = await as('anonymous', `/berita/${article.slug}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1 id="article-heading">Banjir Rob di Muara Angke, Warga Diimbau Waspada<\/h1>/);
    assert.doesNotMatch(page.body, /<script>alert|<img[^>]*onerror|href="javascript/i);
    const cover = /src="(\/berita\/sampul\/[^"]+)"/.exec(page.body)![1].replace(/&amp;/g, '&');
    const image = await as('anonymous', cover);
    assert.equal(image.status, 200);
    assert.match(String(image.headers['content-type']), /^image\/jpeg/);
    // Published content is not edited in place.
    assert.equal((await as('editor', `/admin/berita/${article.id}/ubah`)).status, 409);
    await asOwner(db.url, async (c) => {
      await assert.rejects(
        c.query(`UPDATE news_articles SET body_markdown = 'DEFACED' WHERE id = $1`, [article.id]),
        /content can change only as a draft/,
      );
      const audit = await c.query<{ action: string; actor_label: string }>(
        `SELECT action, actor_label FROM audit_log WHERE tenant_id = 'jakarta' AND action LIKE 'news.%' ORDER BY at`,
      );
      assert.deepEqual(
        audit.rows.map((r) => `${r.action} ${r.actor_label}`),
        [
          'news.submit editor@jakarta.test',
          'news.submit admin@jakarta.test',
          'news.reject peninjau@jakarta.test',
          'news.publish peninjau@jakarta.test',
        ],
      );
    });
  });

  test('a scheduled article stays off the portal until its time', async () => {
    const scheduled = await draft('editor2', { title: 'Jadwal Car Free Day', body: 'Minggu depan.', publishAt: '2099-01-01T07:00' });
    await as('editor2', `/admin/berita/${scheduled.id}/ajukan`, { method: 'POST', form: {} });
    assert.equal((await as('reviewer', `/admin/berita/${scheduled.id}/terbitkan`, { method: 'POST', form: {} })).status, 303);
    assert.doesNotMatch((await as('anonymous', '/berita')).body, /Car Free Day/);
    assert.equal((await as('anonymous', `/berita/${scheduled.slug}`)).status, 404);
    assert.match((await as('reviewer', `/admin/berita/${scheduled.id}`)).body, /terjadwal tayang/);
  });

  test('unpublishing takes the article off the portal; its author may then edit it, and it needs review again', async () => {
    assert.equal(
      (await as('editor', `/admin/berita/${article.id}/tarik`, { method: 'POST', form: {} })).status,
      403,
      'an editor cannot unpublish',
    );
    assert.equal(
      (await as('reviewer', `/admin/berita/${article.id}/tarik`, { method: 'POST', form: { note: 'Data perlu diperbarui.' } })).status,
      303,
    );
    assert.doesNotMatch((await as('anonymous', '/berita')).body, /Muara Angke/);
    assert.equal((await as('anonymous', `/berita/${article.slug}`)).status, 404);
    const edited = await as('editor', `/admin/berita/${article.id}/ubah`, {
      method: 'POST',
      multipart: { fields: { title: 'Banjir Rob di Muara Angke (diperbarui)', summary: '', body: 'Data terbaru.' } },
    });
    assert.equal(edited.status, 303);
    const page = await as('editor', `/admin/berita/${article.id}`);
    assert.match(page.body, /id="news-status">Draf</);
    assert.doesNotMatch((await as('anonymous', '/berita')).body, /Muara Angke/);
    await asOwner(db.url, async (c) => {
      const audit = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = 'jakarta' AND action = 'news.unpublish'`,
      );
      assert.equal(audit.rows[0].n, 1);
    });
  });

  test('the draft form shows every wrong field and saves nothing', async () => {
    const res = await as('editor', '/admin/berita/baru', {
      method: 'POST',
      multipart: { fields: { title: '', summary: '', body: '', publishAt: 'besok' } },
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /Tulis judul berita/);
    assert.match(res.body, /Tulis isi berita/);
    assert.match(res.body, /Waktu tayang tidak valid/);
    const preview = await as('editor', '/admin/berita/baru', {
      method: 'POST',
      multipart: { fields: { title: 'Pratinjau', body: '**tebal** <script>x</script>', intent: 'preview' } },
    });
    assert.equal(preview.status, 200);
    assert.match(preview.body, /<strong>tebal<\/strong> &lt;script&gt;x&lt;\/script&gt;/);
    const notImage = await as('editor', '/admin/berita/baru', {
      method: 'POST',
      multipart: { fields: { title: 'Sampul palsu', body: 'x' }, cover: Buffer.from('<svg onload=alert(1)>') },
    });
    assert.equal(notImage.status, 422);
    assert.match(notImage.body, /Gambar sampul harus berupa JPEG, PNG atau WebP/);
    const forged = await call(platform, sessions.editor, '/admin/berita/baru', {
      method: 'POST',
      multipart: { fields: { title: 'Palsu', body: 'x' } },
      csrf: { ...csrf[JAKARTA], token: 'salah' },
    });
    assert.equal(forged.status, 403);
    await asOwner(db.url, async (c) => {
      assert.equal(
        (
          await c.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM news_articles WHERE title IN ('', 'Pratinjau', 'Sampul palsu', 'Palsu')`,
          )
        ).rows[0].n,
        0,
      );
    });
  });

  test('citizens get 403 on the news console, anonymous visitors are sent to sign in', async () => {
    for (const path of ['/admin/berita', '/admin/berita/baru', `/admin/berita/${article.id}`]) {
      assert.equal((await as('citizen', path)).status, 403, path);
      const anonymous = await as('anonymous', path);
      assert.ok([302, 303].includes(anonymous.status), `${path} → ${anonymous.status}`);
      assert.match(String(anonymous.headers.location), /^\/masuk\?next=/);
    }
    assert.equal((await as('citizen', `/admin/berita/${article.id}/tarik`, { method: 'POST', form: {} })).status, 403);
  });

  test('Lampung has news disabled: /berita and /admin/berita are 404, whoever asks', async () => {
    const service = platform.app.get(AccountsService);
    const lampung = platform.app.get(TenantRegistry).getOrThrow('lampung');
    const admin = await platform.app
      .get(TenantContext)
      .run(
        lampung,
        async () =>
          (
            await service.startSession(
              await service.createStaff({ email: 'admin@lampung.test', password: PASSWORD, displayName: 'Admin Lampung', role: 'admin' }),
            )
          ).token,
      );
    for (const token of [undefined, admin]) {
      for (const path of [
        '/berita',
        `/berita/${article.slug}`,
        `/berita/sampul/${article.id}`,
        '/admin/berita',
        '/admin/berita/baru',
        `/admin/berita/${article.id}`,
      ]) {
        const res = await call(platform, token, path, { host: LAMPUNG, csrf: csrf[LAMPUNG] });
        assert.equal(res.status, 404, `${path} → ${res.status}`);
      }
      const write = await call(platform, token, `/admin/berita/${article.id}/terbitkan`, {
        method: 'POST',
        form: {},
        host: LAMPUNG,
        csrf: csrf[LAMPUNG],
      });
      assert.equal(write.status, 404);
    }
    assert.doesNotMatch((await request(platform.url, '/', { host: LAMPUNG })).body, /href="\/berita"/);
  });
});

describe("news isolation: Lampung with news enabled never reaches Jakarta's articles", () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  const tokens: Record<string, string> = {};
  const csrf: Record<string, { cookie: string; token: string }> = {};
  let jakartaArticle: { id: string; slug: string };

  before(async () => {
    // A copy of the tenant folders in which Lampung enables news.
    const dir = mkdtempSync(join(tmpdir(), 'replika-tenants-'));
    cpSync(TENANTS, dir, { recursive: true });
    const yamlPath = join(dir, 'lampung', 'tenant.yaml');
    const yaml = readFileSync(yamlPath, 'utf8');
    assert.match(yaml, / {2}news:\n {4}enabled: false\n/);
    writeFileSync(yamlPath, yaml.replace(/ {2}news:\n {4}enabled: false\n/, '  news:\n    enabled: true\n'));
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: dir });
    const context = platform.app.get(TenantContext);
    const registry = platform.app.get(TenantRegistry);
    const service = platform.app.get(AccountsService);
    for (const slug of ['jakarta', 'lampung']) {
      await context.run(registry.getOrThrow(slug), async () => {
        for (const role of ['editor', 'reviewer', 'admin'] as const) {
          const account = await service.createStaff({
            email: `${role}@${slug}.test`,
            password: PASSWORD,
            displayName: `${role} ${slug}`,
            role,
          });
          tokens[`${slug}:${role}`] = (await service.startSession(account)).token;
        }
      });
    }
    for (const host of [JAKARTA, LAMPUNG]) csrf[host] = await csrfOf(platform, host);
    // Jakarta: one published article with a cover, and one draft.
    const j = (role: string, path: string, options: Parameters<typeof call>[3] = {}) =>
      call(platform, tokens[`jakarta:${role}`], path, { csrf: csrf[JAKARTA], ...options });
    const made = await j('editor', '/admin/berita/baru', {
      method: 'POST',
      multipart: {
        fields: { title: 'Rahasia Jakarta', summary: 'Hanya untuk Jakarta', body: 'Isi Jakarta.' },
        cover: await testPhoto(601),
      },
    });
    const id = /\/admin\/berita\/([0-9a-f-]{36})/.exec(String(made.headers.location))![1];
    await j('editor', `/admin/berita/${id}/ajukan`, { method: 'POST', form: {} });
    assert.equal((await j('reviewer', `/admin/berita/${id}/terbitkan`, { method: 'POST', form: {} })).status, 303);
    const slug = /href="\/berita\/([a-z0-9-]+)"/.exec((await j('reviewer', '/berita')).body)![1];
    jakartaArticle = { id, slug };
    assert.equal((await j('reviewer', `/berita/${slug}`)).status, 200);
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  for (const caller of ['anonymous', 'editor', 'reviewer', 'admin'] as const) {
    test(`${caller} of Lampung: Jakarta's article ids and slugs are 404 on every news route, and writes change nothing`, async () => {
      const token = caller === 'anonymous' ? undefined : tokens[`lampung:${caller}`];
      const l = (path: string, options: Parameters<typeof call>[3] = {}) =>
        call(platform, token, path, { host: LAMPUNG, csrf: csrf[LAMPUNG], ...options });
      const list = await l('/berita');
      assert.equal(list.status, 200, 'news is enabled for Lampung here');
      assert.doesNotMatch(list.body, /Rahasia Jakarta/);
      for (const path of [`/berita/${jakartaArticle.slug}`, `/berita/sampul/${jakartaArticle.id}`]) {
        assert.equal((await l(path)).status, 404, path);
      }
      if (caller === 'anonymous') return;
      const console = await l('/admin/berita');
      assert.equal(console.status, 200);
      assert.doesNotMatch(console.body, /Rahasia Jakarta/);
      for (const path of [`/admin/berita/${jakartaArticle.id}`, `/admin/berita/${jakartaArticle.id}/ubah`]) {
        const res = await l(path);
        assert.equal(res.status, 404, `${path} → ${res.status}`);
        assert.doesNotMatch(res.body, /Rahasia Jakarta/);
      }
      for (const action of ['ajukan', 'terbitkan', 'tolak', 'tarik']) {
        assert.equal(
          (await l(`/admin/berita/${jakartaArticle.id}/${action}`, { method: 'POST', form: { note: 'dari Lampung' } })).status,
          404,
          action,
        );
      }
      assert.equal(
        (
          await l(`/admin/berita/${jakartaArticle.id}/ubah`, {
            method: 'POST',
            multipart: { fields: { title: 'Diretas', body: 'Diretas dari Lampung' } },
          })
        ).status,
        caller === 'reviewer' ? 404 : 404,
      );
      await asOwner(db.url, async (c) => {
        const row = (
          await c.query<{ status: string; title: string }>(`SELECT status, title FROM news_articles WHERE id = $1`, [jakartaArticle.id])
        ).rows[0];
        assert.deepEqual(row, { status: 'published', title: 'Rahasia Jakarta' });
        assert.equal((await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM news_events WHERE tenant_id = 'lampung'`)).rows[0].n, 0);
      });
    });
  }

  test("Lampung's own article lives in Lampung only", async () => {
    const l = (role: string, path: string, options: Parameters<typeof call>[3] = {}) =>
      call(platform, tokens[`lampung:${role}`], path, { host: LAMPUNG, csrf: csrf[LAMPUNG], ...options });
    const made = await l('editor', '/admin/berita/baru', {
      method: 'POST',
      multipart: { fields: { title: 'Rahasia Jakarta', body: 'Judul sama, tenant lain.' } },
    });
    assert.equal(made.status, 303);
    const id = /\/admin\/berita\/([0-9a-f-]{36})/.exec(String(made.headers.location))![1];
    await asOwner(db.url, async (c) => {
      const rows = (await c.query(`SELECT tenant_id, slug FROM news_articles WHERE title = 'Rahasia Jakarta' ORDER BY tenant_id`)).rows;
      // The same slug in two tenants: unique per tenant only.
      assert.deepEqual(rows, [
        { tenant_id: 'jakarta', slug: jakartaArticle.slug },
        { tenant_id: 'lampung', slug: jakartaArticle.slug },
      ]);
    });
    assert.equal((await call(platform, tokens['jakarta:reviewer'], `/admin/berita/${id}`, { csrf: csrf[JAKARTA] })).status, 404);
    assert.equal(
      (await call(platform, tokens['jakarta:reviewer'], `/admin/berita/${id}/terbitkan`, { method: 'POST', form: {}, csrf: csrf[JAKARTA] }))
        .status,
      404,
    );
  });
});

/** A CSRF cookie and its form token, from a page of the host. */
async function csrfOf(platform: RunningPlatform, host: string): Promise<{ cookie: string; token: string }> {
  const page = await request(platform.url, '/masuk', { host, headers: { accept: 'text/html' } });
  const setCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('csrf='));
  const pair = { cookie: setCookie!.split(';')[0], token: /name="_csrf" value="([^"]+)"/.exec(page.body)![1] };
  MINTED.add(pair);
  return pair;
}

/** Pairs as a page gave them (signed out); a signed-in call swaps the token for its session's. Forged pairs are sent as they are. */
const MINTED = new WeakSet<object>();

async function call(
  platform: RunningPlatform,
  session: string | undefined,
  path: string,
  options: {
    method?: string;
    form?: Record<string, string>;
    multipart?: { fields: Record<string, string>; cover?: Buffer };
    host?: string;
    csrf?: { cookie: string; token: string };
  } = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'text/html' };
  headers.cookie = [options.csrf?.cookie, session ? `sid=${session}` : ''].filter(Boolean).join('; ');
  if (options.csrf && session && MINTED.has(options.csrf) && (options.form || options.multipart)) {
    options = { ...options, csrf: { ...options.csrf, token: await pageCsrfToken(platform.url, options.host ?? JAKARTA, headers.cookie) } };
  }
  let body: string | Buffer | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams({ _csrf: options.csrf?.token ?? '', ...options.form }).toString();
  } else if (options.multipart) {
    const files = options.multipart.cover
      ? [{ field: 'cover', filename: 'sampul.jpg', type: 'image/jpeg', data: options.multipart.cover }]
      : [];
    const mp = multipartBody({ _csrf: options.csrf?.token ?? '', ...options.multipart.fields }, files);
    headers['content-type'] = mp.contentType;
    body = mp.body;
  }
  return request(platform.url, path, { host: options.host ?? JAKARTA, method: options.method ?? 'GET', headers, body });
}
