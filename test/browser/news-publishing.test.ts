import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { AccountsService, StaffAccount } from '@app/accounts';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testPhoto } from '../support/images';
import { BROWSER_SKIP, launchBrowser, screenshot } from '../support/browser';
import { RunningPlatform, startPlatform } from '../support/platform';

const PASSWORD = 'sandi-panjang-berita-1';

/**
 * Item 8's second scenario: an editor drafts an article, a second person (a
 * reviewer) publishes it, and the author alone cannot: the publish button is
 * not there for them, and a forged publish request is refused with 403.
 */
describe('two-person news publishing in a browser', { skip: BROWSER_SKIP }, () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let browser: Browser;
  let base: string;
  let coverFile: string;

  const staff = (account: StaffAccount) => {
    const tenant = platform.app.get(TenantRegistry).getOrThrow('jakarta');
    return platform.app.get(TenantContext).run(tenant, () => platform.app.get(AccountsService).createStaff(account));
  };

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    base = `http://jakarta.localhost:${new URL(platform.url).port}`;
    coverFile = join(mkdtempSync(join(tmpdir(), 'replika-news-')), 'sampul.jpg');
    writeFileSync(coverFile, await testPhoto(701));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await db?.drop();
  });

  test('jakarta: an editor drafts, the author cannot publish, a reviewer publishes, citizens read it', async () => {
    const shot = (page: Page, step: string) => screenshot(page, `news-${step}`);
    await staff({ email: 'redaksi@jakarta.go.id', password: PASSWORD, displayName: 'Redaksi JakWarta', role: 'editor' });
    await staff({ email: 'peninjau@jakarta.go.id', password: PASSWORD, displayName: 'Peninjau JakWarta', role: 'reviewer' });

    // The editor writes a draft with a cover, previews it, saves it.
    const editor = await (await browser.newContext()).newPage();
    await signIn(editor, base, 'redaksi@jakarta.go.id');
    await editor.goto(`${base}/admin/berita`);
    await editor.click('#news-new');
    await editor.fill('#title', 'Uji Coba Ganjil Genap Diperluas ke 26 Ruas Jalan');
    await editor.fill('#summary', 'Dinas Perhubungan DKI memperluas kawasan ganjil genap mulai pekan depan.');
    await editor.fill(
      '#body',
      '## Ruas baru\n\nPerluasan berlaku **Senin–Jumat**.\n\n<script>document.title="DEFACED"</script>\n\n[Info Dishub](https://dishub.jakarta.go.id)',
    );
    await editor.click('#news-preview');
    await editor.waitForSelector('.news-preview');
    assert.equal(await editor.$('.news-preview script'), null);
    assert.match((await editor.textContent('.news-preview'))!, /<script>document.title="DEFACED"<\/script>/, 'raw HTML shows as text');
    await editor.setInputFiles('#cover', coverFile);
    await shot(editor, '1-draft-form');
    await editor.click('#news-save');
    await editor.waitForSelector('#news-submit');
    assert.match((await editor.textContent('#news-status'))!, /Draf/);
    assert.notEqual(await editor.title(), 'DEFACED');

    // The editor sends it for review: there is no publish button for its author.
    await editor.click('#news-submit');
    await editor.waitForSelector('#news-own-article');
    assert.match((await editor.textContent('#news-status'))!, /Ditinjau/);
    assert.equal(await editor.$('#news-publish'), null, 'the author has no publish button');
    await shot(editor, '2-author-in-review');

    // Even a forged publish request from the author's own session is refused.
    const articleUrl = editor.url().split('?')[0];
    const token = await editor.getAttribute('input[name="_csrf"]', 'value');
    // (Sent from the page itself, so the browser's cookies and host mapping apply.)
    const [status, body] = await editor.evaluate<[number, string]>(`(async () => {
      const r = await fetch(${JSON.stringify(`${articleUrl}/terbitkan`)}, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: '_csrf=' + encodeURIComponent(${JSON.stringify(token)}) });
      return [r.status, await r.text()];
    })()`);
    assert.equal(status, 403);
    assert.match(body, /Hanya peninjau yang dapat menerbitkan/);
    const portal = await (await browser.newContext()).newPage();
    await portal.goto(`${base}/berita`);
    assert.doesNotMatch((await portal.textContent('main'))!, /Ganjil Genap/);

    // A second person, the reviewer, finds it in the review queue and publishes it.
    const reviewer = await (await browser.newContext()).newPage();
    await signIn(reviewer, base, 'peninjau@jakarta.go.id');
    await reviewer.goto(`${base}/admin/berita?status=in_review`);
    await reviewer.click('text=Uji Coba Ganjil Genap Diperluas ke 26 Ruas Jalan');
    await reviewer.waitForSelector('#news-publish');
    await shot(reviewer, '3-reviewer-queue-item');
    await reviewer.click('#news-publish');
    await reviewer.waitForSelector('text=Berita diterbitkan.');
    assert.match((await reviewer.textContent('#news-status'))!, /Terbit/);
    assert.match(
      (await reviewer.textContent('.timeline'))!,
      /Redaksi JakWarta mengajukan untuk ditinjau[\s\S]*Peninjau JakWarta menerbitkan/,
    );
    await shot(reviewer, '4-published');

    // Citizens read it on the portal, with its cover; the script in the Markdown stayed text.
    await portal.goto(`${base}/berita`);
    await portal.click('text=Uji Coba Ganjil Genap Diperluas ke 26 Ruas Jalan');
    await portal.waitForSelector('#article-heading');
    assert.match((await portal.textContent('.news-article__body'))!, /Perluasan berlaku Senin–Jumat/);
    assert.notEqual(await portal.title(), 'DEFACED');
    const coverLoaded = await portal.$eval('.news-article__cover', (img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    assert.ok(coverLoaded > 0, 'the cover image loads');
    await shot(portal, '5-portal-article');
  });
});

async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/masuk?next=%2Fadmin%2Fberita`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('form[action="/masuk"] button[type="submit"]');
  await page.waitForURL(/\/admin\/berita/);
}
