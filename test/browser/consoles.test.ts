import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseSubmission, ReportsService } from '@app/reports';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { contrastRatio } from '@app/views';
import { AccountsService, totpCode } from '@app/accounts';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { createTestDatabase, TestDatabase } from '../support/database';
import { BROWSER_SKIP, launchBrowser, screenshot } from '../support/browser';
import { describeViolations, seriousViolations } from '../support/axe';
import { testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { PASSWORD, sessionOf } from '../revisions/admin-support';
import { demoReports } from '../../apps/cli/src/demo-reports';

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 768 } } as const;
type Size = keyof typeof SIZES;

/**
 * The officer's and admin's consoles as staff use them, on a phone and a
 * desktop, on Lampung and Jakarta: forwarding lands on a confirmation, a
 * declined confirmation changes nothing, an unreadable colour is refused with
 * a readable suggestion; no page scrolls sideways at 390 px and axe-core finds
 * no serious or critical violation.
 */
describe('the staff consoles in a browser', { skip: BROWSER_SKIP }, () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let browser: Browser;
  let port: string;
  let seq = 0;

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false' });
    port = new URL(platform.url).port;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await db?.drop();
  });

  async function staffPage(
    slug: string,
    size: Size,
    account: { role: 'officer' | 'admin' | 'validator'; agencyCode?: string },
  ): Promise<{ page: Page; context: BrowserContext }> {
    seq += 1;
    const sid = await sessionOf(platform, slug, { ...account, email: `${account.role}${seq}@${slug}.test`, displayName: `Staf ${seq}` });
    const context = await browser.newContext({ viewport: SIZES[size], bypassCSP: true });
    await context.addCookies([{ name: 'sid', value: sid, domain: `${slug}.localhost`, path: '/', httpOnly: true, sameSite: 'Lax' }]);
    return { page: await context.newPage(), context };
  }

  /** The page fits the viewport's width (at 390 px: no sideways scrolling) and axe-core finds nothing serious. */
  async function checkPage(page: Page, size: Size, what: string) {
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= SIZES[size].width, `${what}: ${width}px wide at ${SIZES[size].width}px`);
    const violations = await seriousViolations(page);
    assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
  }

  async function submitDemo(slug: string): Promise<{ ticket: string; agency: string; category: string }> {
    const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
    const demo = demoReports(tenant.config)!;
    const center = demo.at;
    const { report } = await platform.app.get(TenantContext).run(tenant, async () =>
      platform.app.get(ReportsService).submit(
        parseSubmission({
          category: demo.categories[0],
          latitude: String(center.lat),
          longitude: String(center.lng),
          region: demo.region ?? '',
          description: 'Jalan berlubang besar di depan pasar, membahayakan pengendara motor.',
        }),
        { reporterAccountId: null, photos: [{ data: await testPhoto(seq + 500) }], photoRequired: true, channel: 'api' },
      ),
    );
    return { ticket: report.ticketNo, agency: report.agencyCode, category: demo.categories[0] };
  }

  for (const slug of ['lampung', 'jakarta'] as const) {
    for (const size of ['phone', 'desktop'] as const) {
      test(`${slug}, ${size}: an officer forwards a report (Koordinasi) and lands on a confirmation, not a 404`, async () => {
        const base = `http://${slug}.localhost:${port}`;
        const { ticket, agency } = await submitDemo(slug);
        const { page, context } = await staffPage(slug, size, { role: 'officer', agencyCode: agency });
        await page.goto(`${base}/konsol/laporan`);
        assert.ok((await page.locator(`a[href="/konsol/laporan/${ticket}"]`).count()) >= 1, "the report is in the officer's queue");
        const item = page.locator('.triage__item', { has: page.locator(`a[href="/konsol/laporan/${ticket}"]`) });
        await page.waitForFunction(`[...document.querySelectorAll('img.triage__thumb')].every((i) => i.complete && i.naturalWidth > 0)`);
        assert.match((await item.textContent())!, /Jalan berlubang besar/, 'the queue shows an excerpt');
        assert.match((await item.textContent())!, /0 dukungan/);
        assert.match((await item.textContent())!, /Batas waktu \d+ hari lagi/);
        await checkPage(page, size, `${slug} queue`);
        await screenshot(page, `consoles-${slug}-${size}-1-queue`);
        await page.goto(`${base}/konsol/laporan/${ticket}`);
        await checkPage(page, size, `${slug} report`);
        const target = await page.locator('#agency-koordinasi option').nth(1).getAttribute('value');
        await page.selectOption('#agency-koordinasi', target ?? '');
        await page.fill('#note-koordinasi', 'Bukan wewenang kami, diteruskan.');
        await page.click('#action-koordinasi-submit');
        await page.waitForSelector('#forwarded');
        assert.match(new URL(page.url()).pathname, /^\/konsol\/diteruskan$/);
        const text = (await page.textContent('#forwarded'))!;
        assert.match(text, new RegExp(ticket));
        assert.doesNotMatch(await page.content(), /tidak ditemukan/i);
        await checkPage(page, size, `${slug} forwarded`);
        await screenshot(page, `consoles-${slug}-${size}-2-forwarded`);
        await context.close();
      });

      test(`${slug}, ${size}: the admin declines to retire a category and nothing changes; the pages fit`, async () => {
        const base = `http://${slug}.localhost:${port}`;
        const { page, context } = await staffPage(slug, size, { role: 'admin' });
        await page.goto(`${base}/admin/kategori`);
        await checkPage(page, size, `${slug} categories`);
        const rows = await page.locator('#entries tbody tr').count();
        await page.locator('#entries a[href*="/pensiun?kode="]').first().click();
        await page.waitForSelector('#confirm-form');
        await checkPage(page, size, `${slug} confirm`);
        await screenshot(page, `consoles-${slug}-${size}-3-confirm`);
        await page.click('#cancel');
        await page.waitForSelector('#entries');
        assert.equal(await page.locator('#entries tbody tr').count(), rows, 'declining retired nothing');
        assert.equal(await page.locator('#saved').count(), 0);
        for (const path of [
          '/admin',
          '/admin/instansi',
          '/admin/rute',
          '/admin/layanan',
          '/admin/revisi',
          '/admin/pengguna',
          '/admin/kunci-api',
          '/admin/audit',
        ]) {
          await page.goto(`${base}${path}`);
          await checkPage(page, size, `${slug} ${path}`);
        }
        await screenshot(page, `consoles-${slug}-${size}-4-audit`);
        // The menu names only enabled services, by the tenant's name for them.
        assert.equal(await page.locator('.admin-nav a[href="/admin/berita"]').count(), slug === 'jakarta' ? 1 : 0);
        await context.close();
      });
    }
  }

  for (const slug of ['lampung', 'jakarta'] as const) {
    test(`${slug}: a validator lands on Menunggu Validasi; "Semua" still shows everything`, async () => {
      const { page, context } = await staffPage(slug, 'phone', { role: 'validator' });
      await page.goto(`http://${slug}.localhost:${port}/konsol`);
      assert.equal(await page.inputValue('#filter-status'), 'menunggu-validasi');
      await checkPage(page, 'phone', `${slug} validator queue`);
      await page.selectOption('#filter-status', '');
      await page.click('form.filters button[type="submit"]');
      await page.waitForURL(/status=/);
      assert.equal(await page.inputValue('#filter-status'), '');
      assert.ok((await page.locator('.triage__item').count()) >= 1);
      await screenshot(page, `consoles-${slug}-phone-9-validator-all`);
      await context.close();
    });
  }

  for (const [slug, size] of [
    ['lampung', 'phone'],
    ['jakarta', 'desktop'],
  ] as const) {
    test(`${slug}, ${size}: an admin enrols TOTP by scanning the QR code, keeps the recovery codes, and signs in with one`, async () => {
      const base = `http://${slug}.localhost:${port}`;
      const email = `totp-${slug}@${slug}.test`;
      const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
      await platform.app
        .get(TenantContext)
        .run(tenant, () =>
          platform.app.get(AccountsService).createStaff({ role: 'admin', email, password: PASSWORD, displayName: 'Admin TOTP' }),
        );
      const signIn = async (page: Page) => {
        await page.goto(`${base}/masuk?next=%2Fadmin`);
        await page.fill('#email', email);
        await page.fill('#password', PASSWORD);
        await page.click('form[action="/masuk"] button[type="submit"]');
        await page.waitForURL(/\/masuk\/kode/);
      };
      const context = await browser.newContext({ viewport: SIZES[size], bypassCSP: true });
      const page = await context.newPage();
      await signIn(page);
      await page.waitForFunction(`document.querySelector('#totp-qr').naturalWidth > 0`);
      await checkPage(page, size, `${slug} enrolment`);
      await screenshot(page, `consoles-${slug}-${size}-7-totp-qr`);
      // Read the QR code as a phone would: from the pixels on screen.
      const png = await page.locator('#totp-qr').screenshot();
      const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const decoded = jsQR(new Uint8ClampedArray(data), info.width, info.height);
      assert.ok(decoded, 'the QR code decodes');
      const uri = new URL(decoded.data);
      assert.equal(uri.protocol, 'otpauth:');
      assert.equal(uri.searchParams.get('issuer'), tenant.config.branding.appName);
      const secret = uri.searchParams.get('secret')!;
      await page.fill('#code', totpCode(secret, new Date()));
      await page.click('form[action="/masuk/kode"] button[type="submit"]');
      await page.waitForSelector('#recovery-codes');
      const codes = (await page.locator('#recovery-codes code').allTextContents()).map((c) => c.trim());
      assert.equal(codes.length, 10);
      await checkPage(page, size, `${slug} recovery codes`);
      await screenshot(page, `consoles-${slug}-${size}-8-recovery-codes`);
      await page.click('#continue');
      await page.waitForURL(/\/admin$/);
      await context.close();

      // The phone is lost: a recovery code instead of the app's code.
      const later = await browser.newContext({ viewport: SIZES[size], bypassCSP: true });
      const again = await later.newPage();
      await signIn(again);
      assert.equal(await again.locator('#totp-qr').count(), 0, 'no enrolment once enrolled');
      await again.fill('#code', codes[3]);
      await again.click('form[action="/masuk/kode"] button[type="submit"]');
      await again.waitForURL(/\/admin$/);
      await later.close();
    });
  }

  test('lampung: a yellow primary colour is refused with a readable suggestion; the corrected colour saves and the header reads', async () => {
    const base = `http://lampung.localhost:${port}`;
    const { page, context } = await staffPage('lampung', 'phone', { role: 'admin' });
    await page.goto(`${base}/admin/tampilan`);
    await page.fill('#primary', '#ffe066');
    await page.click('#save');
    await page.waitForSelector('#primary-error');
    const error = (await page.textContent('#primary-error'))!;
    assert.match(error, /sulit dibaca/);
    const suggestion = /(#[0-9a-f]{6})\.\s*$/.exec(error.trim())?.[1];
    assert.ok(suggestion, error);
    await checkPage(page, 'phone', 'branding refused');
    await screenshot(page, 'consoles-lampung-phone-5-contrast-refused');
    await page.fill('#primary', suggestion);
    await page.click('#save');
    await page.waitForSelector('#saved');
    await page.goto(base);
    const header = await page.evaluate<{ bg: string; fg: string }>(
      `(() => { const s = getComputedStyle(document.querySelector('.site-header')); return { bg: s.backgroundColor, fg: s.color }; })()`,
    );
    const hex = (rgb: string) =>
      `#${rgb
        .match(/\d+/g)!
        .slice(0, 3)
        .map((n) => Number(n).toString(16).padStart(2, '0'))
        .join('')}`;
    assert.equal(hex(header.bg), suggestion, "the corrected colour is the header's");
    assert.ok(contrastRatio(hex(header.fg), hex(header.bg)) >= 4.5, `header text ${header.fg} on ${header.bg} reads`);
    await checkPage(page, 'phone', 'home with corrected colour');
    await screenshot(page, 'consoles-lampung-phone-6-corrected-home');
    await context.close();
  });
});
