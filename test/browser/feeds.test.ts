import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { FeedPuller } from '@app/feeds';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { describeViolations, seriousViolations } from '../support/axe';
import { BROWSER_SKIP, launchBrowser, screenshot } from '../support/browser';
import { createTestDatabase, TestDatabase } from '../support/database';
import { RunningPlatform, startPlatform } from '../support/platform';
import { FixtureServer, PATHS } from '../feeds/feed-fixtures';

const TENANTS = join(__dirname, '..', '..', '..', 'tenants');

/** The food-price pages on a phone (390×844): readable, filterable, no sideways scrolling, no serious axe-core finding. */
describe('feeds in a browser at phone size', { skip: BROWSER_SKIP }, () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let browser: Browser;
  let port: string;
  const fixtures = new FixtureServer();

  const pull = (slug: string, feed: string) => {
    const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
    return platform.app.get(TenantContext).run(tenant, () => platform.app.get(FeedPuller).pull(feed, 'schedule'));
  };
  const phonePage = async (): Promise<Page> =>
    (await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
  const checks = async (page: Page, what: string) => {
    assert.equal(describeViolations(await seriousViolations(page)), '', `${what}: no serious or critical axe-core violation`);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 390, `${what}: no horizontal scroll at 390 px (${width} px)`);
  };

  before(async () => {
    await fixtures.start();
    db = await createTestDatabase();
    platform = await startPlatform({
      DATABASE_URL: db.url,
      TENANTS_DIR: fixtures.tenantsDir(TENANTS),
      WATCH_TENANTS: 'false',
      FEEDS_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
      FEEDS_TIMEOUT_SECONDS: '2',
    });
    port = new URL(platform.url).port;
    for (const [slug, feed] of [
      ['jakarta', 'harga-pangan'],
      ['jakarta', 'kualitas-udara'],
      ['lampung', 'harga-pangan'],
      ['lampung', 'lowongan-kerja'],
    ]) {
      assert.equal((await pull(slug, feed)).ok, true);
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await db?.drop();
    await fixtures.stop();
  });

  for (const slug of ['jakarta', 'lampung']) {
    test(`${slug}: the food-price page filters by commodity and shows trends, source and time`, async () => {
      const page = await phonePage();
      await page.goto(`http://${slug}.localhost:${port}/info/harga-pangan`);
      await checks(page, `${slug} food prices`);
      assert.ok(await page.isVisible('svg.sparkline'), 'trend charts are drawn');
      assert.match(await page.innerText('.feed-source'), /Sumber: .*Lisensi: .*diperbarui/);
      for (const target of await page.$$('.feed-filters select, .feed-filters input, .feed-filters button')) {
        const box = await target.boundingBox();
        if (box) assert.ok(box.height >= 44, `a tap target of at least 44 px (${box.height} px)`);
      }
      await screenshot(page, `feeds-${slug}-1-prices`);
      await page.selectOption('#filter-item', 'Cabai Merah Keriting');
      await Promise.all([page.waitForNavigation(), page.click('.feed-filters button[type="submit"]')]);
      const items = await page.$$eval('#feed-table tbody tr td:nth-child(2)', (cells: { textContent: string | null }[]) => [
        ...new Set(cells.map((c) => c.textContent?.trim())),
      ]);
      assert.deepEqual(items, ['Cabai Merah Keriting']);
      await checks(page, `${slug} food prices, filtered`);
      await screenshot(page, `feeds-${slug}-2-filtered`);
    });
  }

  test('jakarta: a failing source keeps its last figures and says since when; the home widgets and the comparison read well', async () => {
    fixtures.hostile.set(PATHS.jakartaFood, 'html');
    assert.equal((await pull('jakarta', 'harga-pangan')).ok, false);
    fixtures.hostile.delete(PATHS.jakartaFood);
    const page = await phonePage();
    await page.goto(`http://jakarta.localhost:${port}/info/harga-pangan`);
    assert.match(await page.innerText('.feed-stale'), /^Data dari Dinas Ketahanan Pangan.*, belum diperbarui sejak \d/);
    assert.ok(await page.isVisible('#feed-table'), 'the last good figures stay');
    await checks(page, 'stale food prices');
    await screenshot(page, 'feeds-jakarta-3-stale');

    await page.goto(`http://jakarta.localhost:${port}/`);
    assert.ok(await page.isVisible('#feed-harga-pangan .feed-figure'), 'the home page shows the latest prices');
    await checks(page, 'home with widgets');
    await screenshot(page, 'feeds-jakarta-4-home');

    await page.goto(`http://jakarta.localhost:${port}/info/perbandingan-harga`);
    assert.match(await page.innerText('#comparison-table'), /Beras Medium/);
    await checks(page, 'price comparison');
    await screenshot(page, 'feeds-jakarta-5-comparison');
  });
});
