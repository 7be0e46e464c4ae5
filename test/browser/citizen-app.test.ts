import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testPhoto } from '../support/images';
import { BROWSER_SKIP, launchBrowser, screenshot } from '../support/browser';
import { RunningPlatform, startPlatform } from '../support/platform';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core injected into the page: the serious and critical violations, one line each. */
async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  // A string, so this file needs no DOM types: it runs in the page.
  const violations = await page.evaluate<
    { id: string; impact: string; targets: string[] }[]
  >(`axe.run({ resultTypes: ['violations'] }).then((r) => r.violations.map((v) =>
    ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) })))`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/**
 * The citizen app at phone size on both tenants. Tiles cannot come from the
 * internet here, so Lampung's tile source points (through its config) at a tiny
 * local tile server and shows the map; Jakarta keeps the OpenStreetMap default,
 * which cannot load, and must fall back to place search and coordinates.
 */
describe('the citizen app in a browser', { skip: BROWSER_SKIP }, () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let browser: Browser;
  let tileServer: Server;
  let port: string;
  let tileRequests = 0;
  const files: Record<string, string> = {};

  before(async () => {
    const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 220, g: 235, b: 220 } } })
      .png()
      .toBuffer();
    tileServer = createServer((req, res) => {
      tileRequests++;
      if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(tile);
    });
    await new Promise<void>((resolve) => tileServer.listen(0, '127.0.0.1', resolve));
    const tiles = `http://127.0.0.1:${(tileServer.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
    const tenants = mkdtempSync(join(tmpdir(), 'replika-tenants-'));
    cpSync(join(__dirname, '..', '..', '..', 'tenants'), tenants, { recursive: true });
    appendFileSync(join(tenants, 'lampung', 'reports.yaml'), `  map: { tiles: "${tiles}", attribution: "Peta uji lokal" }\n`);
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: tenants, WATCH_TENANTS: 'false' });
    port = new URL(platform.url).port;
    const dir = mkdtempSync(join(tmpdir(), 'replika-photos-'));
    files.photo = join(dir, 'lubang.jpg');
    writeFileSync(files.photo, await testPhoto(21));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await db?.drop();
    tileServer?.close();
  });

  const phone = (): Promise<BrowserContext> => browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });

  for (const tenant of [
    { slug: 'jakarta', host: 'jakarta.localhost', map: false, place: 'Kebayoran', latitude: '-6,2440', longitude: '106,8000' },
    { slug: 'lampung', host: 'lampung.localhost', map: true, place: 'Bandar Lampung', latitude: '-5,4300', longitude: '105,2600' },
  ]) {
    test(`${tenant.slug}: one pass, nothing lost: the form checks itself, keeps the photo across a server error, accepts a decimal comma`, async () => {
      const base = `http://${tenant.host}:${port}`;
      const page = await (await phone()).newPage();
      await page.goto(`${base}/laporan/baru`);
      assert.deepEqual(await axeProblems(page), [], 'the report form');
      const header = (await (await page.$('.site-header'))!.boundingBox())!;
      assert.ok(header.height <= 72, `the header is one line at 390 px (${header.height} px)`);
      for (const target of await page.$$('label.choice, #use-location, form.report-form button[type="submit"]')) {
        const box = await target.boundingBox();
        if (box) assert.ok(box.height >= 44, `a tap target of at least 44 px (${box.height} px)`);
      }

      // Sent empty: the browser lists every problem at once, nothing is sent.
      await page.click('form.report-form button[type="submit"]');
      await page.waitForSelector('#client-errors:not([hidden])');
      const problems = await page.$$eval('#client-errors li', (items: { textContent: string | null }[]) =>
        items.map((i) => i.textContent ?? ''),
      );
      assert.equal(problems.length, 4, `category, description, location and photo at once: ${problems.join(' | ')}`);
      assert.equal(new URL(page.url()).pathname, '/laporan/baru');
      await screenshot(page, `citizen-${tenant.slug}-1-checked`);

      // The map shows only where tiles load; the coordinates always do.
      if (tenant.map) await page.waitForSelector('#location-map:not([hidden]) .leaflet-tile-loaded');
      else await page.waitForTimeout(500);
      assert.equal(await page.isVisible('#location-map'), tenant.map);
      if (!tenant.map) assert.doesNotMatch(await page.innerText('main'), /\bpeta\b/i, 'no text mentions a map that is not shown');

      await page.selectOption('#category', 'jalan-rusak');
      await page.fill('#description', 'Jalan berlubang dalam di dekat pasar, berbahaya bagi pengendara motor.');
      await page.check('#privacy-public');
      await page.setInputFiles('#photos', files.photo);
      // A point the browser cannot judge: outside the province (decimal commas, as typed on an Indonesian keyboard).
      await page.fill('#latitude', '-1,5');
      await page.fill('#longitude', '100,2');
      await page.click('form.report-form button[type="submit"]');
      await page.waitForSelector('.error-summary:not(#client-errors)');
      assert.match(await page.innerText('.error-summary'), /luar wilayah provinsi/);
      assert.match(await page.innerText('#photos-kept'), /1 foto sudah tersimpan/);
      assert.equal(await page.inputValue('#latitude'), '-1,5', 'what was typed is kept');
      await screenshot(page, `citizen-${tenant.slug}-2-server-error`);
      if (!tenant.map) assert.doesNotMatch(await page.innerText('main'), /\bpeta\b/i);

      // The place is found by name among the province's own regions.
      await page.fill('#place-search', tenant.place);
      await page.click('.place-results__choice');
      assert.notEqual(await page.inputValue('#latitude'), '-1,5');
      if (tenant.map) {
        // The pin is moved on the map: the coordinates follow it.
        await page.waitForSelector('#location-map:not([hidden]) .leaflet-marker-icon');
        const before = await page.inputValue('#latitude');
        const box = (await page.$('#location-map-canvas'))!;
        const size = (await box.boundingBox())!;
        await page.mouse.click(size.x + size.width / 2 + 30, size.y + size.height / 2 + 40);
        await page.waitForFunction(`document.getElementById('latitude').value !== ${JSON.stringify(before)}`);
        assert.match(await page.inputValue('#latitude'), /^-5\.\d{6}$/);
        await screenshot(page, `citizen-${tenant.slug}-3-map-picked`);
      } else {
        // Without a map: coordinates typed with a decimal comma.
        await page.fill('#latitude', tenant.latitude);
        await page.fill('#longitude', tenant.longitude);
      }
      assert.deepEqual(await axeProblems(page), [], 'the form with errors');

      // Sent again without choosing the photo again.
      assert.equal(await page.$eval('#photos', (i) => (i as unknown as { files: { length: number } }).files.length), 0);
      await page.click('form.report-form button[type="submit"]');
      await page.waitForSelector('#ticket');
      const ticket = (await page.textContent('#ticket'))!.trim();
      await screenshot(page, `citizen-${tenant.slug}-4-confirmation`);
      const link = await page.inputValue('#tracking-link');
      assert.ok(link.startsWith(`${base}/laporan/lacak?tiket=${ticket}&token=`), `the whole tracking link, to copy or share: ${link}`);
      assert.deepEqual(await axeProblems(page), [], 'the confirmation');

      // The report carries the kept photo, and the public feed shows it as a thumbnail (and a map where tiles load).
      await page.goto(`${base}/laporan/publik/${ticket}`);
      assert.equal(await page.locator('.report-photos img').count(), 1, 'the photo chosen once was sent');
      await page.goto(`${base}/laporan/publik`);
      const thumb = page.locator(`.report-card:has(a[href="/laporan/publik/${ticket}"]) img.report-card__thumb`);
      assert.equal(await thumb.count(), 1);
      await page.waitForFunction(
        `[...document.querySelectorAll('img.report-card__thumb')].every((img) => img.complete && img.naturalWidth > 0)`,
      );
      if (tenant.map) await page.waitForSelector('#feed-map:not([hidden]) .leaflet-marker-icon');
      assert.equal(await page.isVisible('#feed-map'), tenant.map);
      await screenshot(page, `citizen-${tenant.slug}-5-feed`);
      assert.deepEqual(await axeProblems(page), [], 'the public feed');
    });
  }

  for (const host of ['jakarta.localhost', 'lampung.localhost']) {
    test(`${host}: the information pages pass axe-core at phone size; toll-free only where config says so; the directory searches`, async () => {
      const page = await (await phone()).newPage();
      for (const path of ['/', '/darurat', '/direktori', '/laporan', '/laporan/lacak']) {
        await page.goto(`http://${host}:${port}${path}`);
        assert.deepEqual(await axeProblems(page), [], path);
        await screenshot(page, `citizen-${host.split('.')[0]}-page${path.replace(/\//g, '-')}`);
      }
      await page.goto(`http://${host}:${port}/darurat`);
      assert.match(await page.innerText('.card:has-text("112")'), /Bebas pulsa/);
      if (host.startsWith('jakarta')) assert.match(await page.innerText('.card:has-text("123")'), /Dikenakan biaya/);
      await page.goto(`http://${host}:${port}/direktori`);
      const all = await page.locator('[data-search]').count();
      await page.fill('#directory-search', 'bina marga');
      const shown = await page.locator('[data-search]:visible').count();
      assert.ok(shown > 0 && shown < all, `${shown} of ${all}`);
      await screenshot(page, `citizen-${host.split('.')[0]}-directory-search`);
    });
  }

  test('the tile source comes from the tenant config: only Lampung asked the local tile server', () => {
    assert.ok(tileRequests > 0);
  });

  test('jakarta at 1366×768: the form and the feed pass axe-core', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true })).newPage();
    for (const path of ['/laporan/baru', '/laporan/publik']) {
      await page.goto(`http://jakarta.localhost:${port}${path}`);
      assert.deepEqual(await axeProblems(page), [], path);
    }
    await screenshot(page, 'citizen-jakarta-desktop-feed');
  });
});
