import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ROOT, tenantCli } from '../cli/cli-runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { BROWSER_SKIP, launchBrowser, screenshot } from '../support/browser';
import { RunningPlatform, startPlatform } from '../support/platform';

/** axe-core's serious and critical violations on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const result = await (
      globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

/**
 * The report form's area chooser on a phone (390×844), in Maluku Utara created
 * by the CLI: search a kelurahan by name, or narrow kabupaten/kota → kecamatan
 * → kelurahan; and without JavaScript, the "show kelurahan" round trip.
 */
describe('the area chooser in a browser', { skip: BROWSER_SKIP }, () => {
  let dir: string;
  let db: TestDatabase;
  let platform: RunningPlatform;
  let browser: Browser;
  let base: string;

  before(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'replika-chooser-')), 'tenants');
    cpSync(join(ROOT, 'tenants'), dir, { recursive: true });
    const r = tenantCli([
      'create',
      'malut',
      '--from',
      'jakarta',
      '--province',
      '82',
      '--name',
      'Maluku Utara',
      '--host',
      'malut.localhost',
      '--dir',
      dir,
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: dir });
    base = `http://malut.localhost:${new URL(platform.url).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await db?.drop();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  test('search finds a kelurahan and fills kabupaten/kota, kecamatan and kelurahan; no serious axe violation', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
    await page.goto(`${base}/laporan/baru`);
    const search = page.getByLabel('Cari kelurahan/desa atau kecamatan');
    await search.waitFor();
    assert.equal(await page.locator('.area-chooser__reload').isVisible(), false, 'the no-script button is hidden when the script runs');
    await search.fill('jambula');
    const result = page.getByRole('button', { name: 'Jambula, Pulau Ternate, Kota Ternate' });
    await result.waitFor();
    await screenshot(page, 'area-chooser-search-390');
    await result.click();
    await page.waitForFunction("document.getElementById('kelurahan').value === '82.71.01.1001'");
    assert.equal(await page.locator('#kabkota').inputValue(), '82.71');
    assert.equal(await page.locator('#kecamatan').inputValue(), '82.71.01');
    await page.locator('#area-chooser').scrollIntoViewIfNeeded();
    await screenshot(page, 'area-chooser-chosen-390');
    assert.deepEqual(await seriousViolations(page), []);
  });

  test('choosing a kabupaten/kota narrows the kecamatan; a kecamatan brings its kelurahan', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
    await page.goto(`${base}/laporan/baru`);
    await page.locator('#kabkota').selectOption('82.72');
    const kecamatan = await page
      .locator('#kecamatan option')
      .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value).filter(Boolean));
    assert.ok(kecamatan.length > 0 && kecamatan.every((code) => code.startsWith('82.72.')), kecamatan.join(','));
    await page.locator('#kecamatan').selectOption(kecamatan[0]);
    await page.waitForFunction("document.getElementById('kelurahan').options.length > 1");
    const villages = await page
      .locator('#kelurahan option')
      .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value).filter(Boolean));
    assert.ok(
      villages.every((code) => code.startsWith(`${kecamatan[0]}.`)),
      villages.join(','),
    );
  });

  test('without JavaScript, "Tampilkan kelurahan" lists the chosen kecamatan\'s kelurahan and keeps what was typed', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false })).newPage();
    await page.goto(`${base}/laporan/baru`);
    await page.locator('#description').fill('Lampu jalan mati di depan sekolah.');
    await page.locator('#kabkota').selectOption('82.71');
    await page.locator('#kecamatan').selectOption('82.71.01');
    await page.getByRole('button', { name: 'Tampilkan kelurahan' }).click();
    await page.waitForURL(/kecamatan=82\.71\.01/);
    assert.equal(await page.locator('#description').inputValue(), 'Lampu jalan mati di depan sekolah.');
    await page.locator('#kelurahan').selectOption('82.71.01.1001');
    await page.locator('#area-chooser').scrollIntoViewIfNeeded();
    await screenshot(page, 'area-chooser-no-js-390');
    const reloadedAt = page.url();
    // Enter in a field sends the report (here refused: no photo), never the chooser's reload.
    await Promise.all([page.waitForEvent('load'), page.locator('#address').press('Enter')]);
    assert.match((await page.locator('h1').first().textContent()) ?? '', /Buat laporan baru/);
    assert.match(await page.content(), /Ada yang perlu diperbaiki/);
    assert.notEqual(page.url(), reloadedAt);
    assert.doesNotMatch(page.url(), /\?/, 'a POST to /laporan/baru, not a GET with the fields');
    assert.deepEqual(
      await seriousViolations(
        await (await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage().then(async (p) => {
          await p.goto(reloadedAt);
          return p;
        }),
      ),
      [],
    );
  });
});
