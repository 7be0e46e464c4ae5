import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseSubmission, ReportsService } from '@app/reports';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { BROWSER_SKIP, launchBrowser } from '../support/browser';
import { describeViolations, seriousViolations } from '../support/axe';
import { testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { sessionOf } from '../revisions/admin-support';
import { demoReports } from '../../apps/cli/src/demo-reports';

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 768 } } as const;
type Role = 'admin' | 'officer' | 'validator';

/** Every console page a role can open (a report's page and a confirmation step are filled in from the data). */
const PAGES: Record<Role, string[]> = {
  admin: [
    '/admin',
    '/admin/kesiapan',
    '/admin/tampilan',
    '/admin/layanan',
    '/admin/instansi',
    '/admin/kategori',
    '/admin/wilayah',
    '/admin/rute',
    '/admin/darurat',
    '/admin/revisi',
    '/admin/pengguna',
    '/admin/kunci-api',
    '/admin/audit',
    '/admin/keamanan',
    '/admin/berita',
    '/admin/berita/baru',
    '/konsol/laporan',
    '/konsol/peta',
    '{report}',
    '{retire}',
  ],
  officer: ['/konsol/laporan', '/konsol/laporan?state=closed', '/konsol/peta', '{report}', '/akun'],
  validator: ['/konsol', '/konsol/laporan?status=', '/konsol/peta', '{report}', '/akun'],
};

/**
 * Walks every console page as an admin, an officer and a validator of both
 * tenants, at 390×844 and 1366×768: none may scroll sideways (the document is
 * no wider than the viewport) and axe-core finds no serious or critical
 * violation. Pages of a service the tenant has switched off answer 404 and
 * are skipped (Lampung has no news).
 */
describe('every console page fits a phone and passes axe-core', { skip: BROWSER_SKIP }, () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let browser: Browser;
  let port: string;
  let seq = 0;
  const reports: Record<string, { ticket: string; agency: string }> = {};

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false' });
    port = new URL(platform.url).port;
    browser = await launchBrowser();
    for (const slug of ['lampung', 'jakarta']) {
      const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
      const demo = demoReports(tenant.config)!;
      const { report } = await platform.app.get(TenantContext).run(tenant, async () =>
        platform.app.get(ReportsService).submit(
          parseSubmission({
            category: demo.categories[0],
            latitude: String(demo.at.lat),
            longitude: String(demo.at.lng),
            region: demo.region ?? '',
            description: 'Genangan air setinggi lutut di perempatan setiap kali hujan deras.',
          }),
          { reporterAccountId: null, photos: [{ data: await testPhoto(900 + seq++) }], photoRequired: true, channel: 'api' },
        ),
      );
      reports[slug] = { ticket: report.ticketNo, agency: report.agencyCode };
    }
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await db?.drop();
  });

  async function walk(page: Page, base: string, path: string, viewport: number): Promise<string[]> {
    const response = await page.goto(`${base}${path}`);
    if (response?.status() === 404 && path.startsWith('/admin/berita')) return [];
    const problems: string[] = [];
    if (!response || response.status() >= 400) problems.push(`${path}: HTTP ${response?.status()}`);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    if (width > viewport) problems.push(`${path}: ${width}px wide at ${viewport}px`);
    const violations = await seriousViolations(page);
    if (violations.length) problems.push(`${path}:\n${describeViolations(violations)}`);
    return problems;
  }

  for (const slug of ['lampung', 'jakarta'] as const) {
    for (const size of ['phone', 'desktop'] as const) {
      for (const role of ['admin', 'officer', 'validator'] as const) {
        test(`${slug}, ${size}, ${role}: every console page fits and passes axe-core`, async () => {
          const base = `http://${slug}.localhost:${port}`;
          seq += 1;
          const { ticket, agency } = reports[slug];
          const sid = await sessionOf(platform, slug, {
            role,
            agencyCode: role === 'officer' ? agency : undefined,
            email: `walk-${role}${seq}@${slug}.test`,
            displayName: `Staf Jalan ${seq}`,
          });
          const context = await browser.newContext({ viewport: SIZES[size], bypassCSP: true });
          await context.addCookies([{ name: 'sid', value: sid, domain: `${slug}.localhost`, path: '/', httpOnly: true, sameSite: 'Lax' }]);
          const page = await context.newPage();
          const problems: string[] = [];
          let visited = 0;
          for (const entry of PAGES[role]) {
            let path = entry;
            if (entry === '{report}') path = `/konsol/laporan/${ticket}`;
            if (entry === '{retire}') {
              await page.goto(`${base}/admin/instansi`);
              path = (await page.locator('#entries a[href*="/pensiun?kode="]').first().getAttribute('href'))!;
            }
            problems.push(...(await walk(page, base, path, SIZES[size].width)));
            visited += 1;
          }
          await context.close();
          assert.ok(visited >= PAGES[role].length);
          assert.deepEqual(problems, [], problems.join('\n'));
        });
      }
    }
  }
});
