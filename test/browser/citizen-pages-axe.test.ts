import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { parseSubmission, ReportsService } from '@app/reports';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { describeViolations, seriousViolations } from '../support/axe';
import { BROWSER_SKIP, launchBrowser, screenshot } from '../support/browser';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';

const TENANTS = [
  { slug: 'jakarta', host: 'jakarta.localhost', lat: '-6.2440', lng: '106.8000', news: true },
  { slug: 'lampung', host: 'lampung.localhost', lat: '-5.4300', lng: '105.2600', news: false },
] as const;

/**
 * Every citizen page of both tenants, at phone size (390×844), signed out and
 * signed in: axe-core finds no serious or critical violation, and no page
 * scrolls sideways.
 */
describe('every citizen page passes axe-core at phone size', { skip: BROWSER_SKIP }, () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let browser: Browser;
  let port: string;

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

  const file = (slug: string, lat: string, lng: string, seed: number, reporterAccountId: string | null = null) => {
    const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
    return platform.app.get(TenantContext).run(tenant, async () =>
      platform.app.get(ReportsService).submit(
        parseSubmission({
          category: 'jalan-rusak',
          latitude: lat,
          longitude: lng,
          privacy: 'public',
          description: 'Jalan berlubang di depan pasar, sudah seminggu tidak diperbaiki.',
        }),
        { reporterAccountId, photos: [{ data: await testPhoto(seed) }], photoRequired: true, channel: 'api' },
      ),
    );
  };

  for (const [i, tenant] of TENANTS.entries()) {
    test(`${tenant.slug}: home, report form, feed, report, tracking, my reports, account, sign-in, sign-up, news, directory, emergency`, async () => {
      const base = `http://${tenant.host}:${port}`;
      const anonymous = await file(tenant.slug, tenant.lat, tenant.lng, 70 + i);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
      const page = await context.newPage();
      const problems: string[] = [];
      const check = async (path: string, name: string) => {
        const res = await page.goto(`${base}${path}`);
        assert.equal(res?.status(), 200, `${path} answers`);
        const violations = await seriousViolations(page);
        if (violations.length) problems.push(`${path}:\n${describeViolations(violations)}`);
        const wide = await page.evaluate<number>('document.documentElement.scrollWidth');
        if (wide > 390) problems.push(`${path}: scrolls sideways (${wide} px)`);
        await screenshot(page, `axe-${tenant.slug}-${name}`);
      };

      await check('/', 'home');
      await check('/laporan', 'reports');
      await check('/laporan/baru', 'report-form');
      await check('/laporan/publik', 'feed');
      await check(`/laporan/publik/${anonymous.report.ticketNo}`, 'report');
      await check('/laporan/lacak', 'tracking-form');
      await check(`/laporan/lacak?tiket=${anonymous.report.ticketNo}&token=${anonymous.trackingToken}`, 'tracking');
      await check('/masuk', 'sign-in');
      await check('/daftar', 'sign-up');
      if (tenant.news) await check('/berita', 'news');
      await check('/direktori', 'directory');
      await check('/darurat', 'emergency');
      await check('/luring', 'offline');

      // Signed up (and so signed in) through the form, as a citizen would.
      await page.goto(`${base}/daftar`);
      await page.fill('#displayName', 'Warga Uji');
      await page.fill('#email', `axe-${tenant.slug}@example.id`);
      await page.fill('#password', 'kata-sandi-panjang-12');
      await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"]')]);
      const [{ id }] = await asOwner(
        db.url,
        async (c) =>
          (
            await c.query<{ id: string }>(`SELECT id FROM accounts WHERE tenant_id = $1 AND email = $2`, [
              tenant.slug,
              `axe-${tenant.slug}@example.id`,
            ])
          ).rows,
      );
      const own = await file(tenant.slug, tenant.lat, tenant.lng, 72 + i, id);
      await check('/laporan/saya', 'my-reports');
      await check(`/laporan/saya/${own.report.ticketNo}`, 'my-report');
      await check('/akun', 'account');
      await check('/', 'home-signed-in');
      await context.close();
      assert.deepEqual(problems, []);
    });
  }
});
