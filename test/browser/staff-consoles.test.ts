import assert from 'node:assert/strict';
import { cpSync, appendFileSync, mkdtempSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { parseSubmission, ReportActionsService, ReportsService } from '@app/reports';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { BROWSER_SKIP, launchBrowser, screenshot } from '../support/browser';
import { describeViolations, seriousViolations } from '../support/axe';
import { testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { sessionOf } from '../revisions/admin-support';
import { demoReports } from '../../apps/cli/src/demo-reports';

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 768 } } as const;
type Size = keyof typeof SIZES;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const hex = (rgb: string) =>
  `#${rgb
    .match(/\d+/g)!
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('')}`;

/**
 * What officers and admins do in the consoles beyond single reports, on
 * Lampung (whose map tiles come from a local tile server) and Jakarta (whose
 * tile server cannot be reached here, so its map falls back to the list), at
 * phone and desktop size: bulk disposition with a partial refusal, the
 * agency's map, CSV export, dashboard charts, the branding preview frame, a
 * refused colour corrected, a declined retirement, a rename reaching the
 * footer, and an audit log that reads as sentences with names.
 */
describe('staff consoles: bulk, map, export, charts, branding, audit', { skip: BROWSER_SKIP }, () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let browser: Browser;
  let tileServer: Server;
  let port: string;
  let seq = 0;

  before(async () => {
    const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 220, g: 235, b: 220 } } })
      .png()
      .toBuffer();
    tileServer = createServer((req, res) => {
      if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(tile);
    });
    await new Promise<void>((resolve) => tileServer.listen(0, '127.0.0.1', resolve));
    const tenants = mkdtempSync(join(tmpdir(), 'replika-tenants-'));
    cpSync(join(__dirname, '..', '..', '..', 'tenants'), tenants, { recursive: true });
    const tiles = `http://127.0.0.1:${(tileServer.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
    appendFileSync(join(tenants, 'lampung', 'reports.yaml'), `  map: { tiles: "${tiles}", attribution: "Peta uji lokal" }\n`);
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: tenants, WATCH_TENANTS: 'false' });
    port = new URL(platform.url).port;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await db?.drop();
    tileServer?.close();
  });

  async function staffPage(
    slug: string,
    size: Size,
    account: { role: 'officer' | 'admin' | 'validator'; agencyCode?: string },
  ): Promise<{ page: Page; context: BrowserContext }> {
    seq += 1;
    const sid = await sessionOf(platform, slug, {
      ...account,
      email: `${account.role}${seq}@${slug}.test`,
      displayName: `Staf Uji ${seq}`,
    });
    const context = await browser.newContext({ viewport: SIZES[size], bypassCSP: true });
    await context.addCookies([{ name: 'sid', value: sid, domain: `${slug}.localhost`, path: '/', httpOnly: true, sameSite: 'Lax' }]);
    return { page: await context.newPage(), context };
  }

  /** A request from the page itself (the browser resolves *.localhost; Node here may not), with its cookies. */
  async function fetchIn(
    page: Page,
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Record<string, string>; text: string }> {
    return page.evaluate(`(async () => {
      const init = ${JSON.stringify(init)};
      const r = await fetch(${JSON.stringify(url)}, { method: init.method || 'GET', redirect: 'manual', credentials: 'same-origin',
        ...(init.form ? { body: new URLSearchParams(init.form), headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) });
      return { status: r.status, headers: Object.fromEntries(r.headers.entries()), text: await r.text() };
    })()`);
  }

  async function checkPage(page: Page, size: Size, what: string) {
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= SIZES[size].width, `${what}: ${width}px wide at ${SIZES[size].width}px`);
    const violations = await seriousViolations(page);
    assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
  }

  /** Reports submitted to the demo agency of the tenant (the one most categories route to). */
  async function submit(slug: string, descriptions: string[]): Promise<{ tickets: string[]; agency: string }> {
    const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
    const demo = demoReports(tenant.config)!;
    const tickets: string[] = [];
    let agency = '';
    for (const description of descriptions) {
      seq += 1;
      const { report } = await platform.app.get(TenantContext).run(tenant, async () =>
        platform.app.get(ReportsService).submit(
          parseSubmission({
            category: demo.categories[0],
            latitude: String(demo.at.lat),
            longitude: String(demo.at.lng),
            region: demo.region ?? '',
            description,
          }),
          { reporterAccountId: null, photos: [{ data: await testPhoto(seq + 700) }], photoRequired: true, channel: 'api' },
        ),
      );
      tickets.push(report.ticketNo);
      agency = report.agencyCode;
    }
    return { tickets, agency };
  }

  async function actAs(slug: string, agency: string, ticket: string, action: string) {
    const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
    await platform.app
      .get(TenantContext)
      .run(tenant, () =>
        platform.app
          .get(ReportActionsService)
          .act({ accountId: '00000000-0000-4000-8000-000000000001', role: 'officer', agencyCode: agency }, ticket, { action }),
      );
  }

  for (const slug of ['lampung', 'jakarta'] as const) {
    for (const size of ['phone', 'desktop'] as const) {
      test(`${slug}, ${size}: an officer disposes several reports at once (one refused, with its reason), sees them on the map and exports them as CSV`, async () => {
        const base = `http://${slug}.localhost:${port}`;
        const { tickets, agency } = await submit(slug, [
          'Jalan berlubang besar di depan pasar, membahayakan pengendara motor.',
          '=HYPERLINK("http://contoh.test","klik") saluran air tersumbat sampah di gang.',
          'Lampu penerangan jalan mati sejak seminggu, gelap di malam hari.',
        ]);
        await actAs(slug, agency, tickets[2], 'proses');
        const { page, context } = await staffPage(slug, size, { role: 'officer', agencyCode: agency });
        await page.goto(`${base}/konsol/laporan`);
        await screenshot(page, `staff-${slug}-${size}-0-queue`);
        for (const ticket of tickets) await page.check(`input.bulk-pick[value="${ticket}"]`);
        await page.selectOption('#bulk-action', 'proses');
        await checkPage(page, size, `${slug} queue with bulk form`);
        await screenshot(page, `staff-${slug}-${size}-1-bulk-form`);
        await page.click('#bulk-submit');
        await page.waitForSelector('#bulk-result');
        assert.match((await page.textContent('#bulk-summary'))!, /3 laporan diproses: 2 berhasil, 1 tidak diubah/);
        for (const ticket of tickets.slice(0, 2)) {
          assert.equal(await page.getAttribute(`#bulk-outcomes tr[data-ticket="${ticket}"]`, 'data-ok'), 'yes');
          assert.match((await page.textContent(`#bulk-outcomes tr[data-ticket="${ticket}"]`))!, /Status kini Proses/);
        }
        assert.equal(await page.getAttribute(`#bulk-outcomes tr[data-ticket="${tickets[2]}"]`, 'data-ok'), 'no');
        assert.match(
          (await page.textContent(`#bulk-outcomes tr[data-ticket="${tickets[2]}"]`))!,
          /tidak bisa dilakukan pada status laporan saat ini \(Proses\)/,
        );
        await checkPage(page, size, `${slug} bulk result`);
        await screenshot(page, `staff-${slug}-${size}-2-bulk-result`);
        // Each report's timeline has its own entry, as if acted on alone.
        await page.goto(`${base}/konsol/laporan/${tickets[0]}`);
        assert.match((await page.textContent('main'))!, /Proses/);
        // Without the form's CSRF token the same post changes nothing.
        const forged = await fetchIn(page, '/konsol/massal', {
          method: 'POST',
          form: { tickets: tickets[1], action: 'tolak', note: 'Ditolak tanpa token' },
        });
        assert.equal(forged.status, 403);

        // The map of the agency's open reports; the list is always there.
        await page.goto(`${base}/konsol/peta`);
        for (const ticket of tickets) assert.equal(await page.locator(`#map-list a[href="/konsol/laporan/${ticket}"]`).count(), 1);
        if (slug === 'lampung') {
          await page.waitForSelector('#agency-map:not([hidden]) .leaflet-tile-loaded');
          await page.waitForSelector('#agency-map[data-pins]');
          assert.ok(Number(await page.getAttribute('#agency-map', 'data-pins')) >= 3);
          assert.ok((await page.locator('#agency-map .leaflet-marker-icon, #agency-map path.leaflet-interactive').count()) >= 1);
        } else {
          await page.waitForTimeout(1500);
          assert.equal(await page.locator('#agency-map').isHidden(), true, 'no tiles, no map: the list carries the page');
        }
        await checkPage(page, size, `${slug} map`);
        await screenshot(page, `staff-${slug}-${size}-3-map`);

        // CSV: the queue's reports, headers in Indonesian, a formula defused, no reporter identity.
        await page.goto(`${base}/konsol/laporan`);
        const href = (await page.getAttribute('#export-link', 'href'))!;
        const csv = await fetchIn(page, href);
        assert.equal(csv.status, 200);
        assert.match(csv.headers['content-type'], /^text\/csv/);
        assert.match(csv.headers['content-disposition'], new RegExp(`attachment; filename="laporan-${slug}-`));
        const text = csv.text;
        const lines = text
          .replace(/^\uFEFF/, '')
          .trim()
          .split(/\r?\n/);
        assert.match(lines[0], /^Nomor tiket,Dilaporkan,Status,/);
        for (const ticket of tickets)
          assert.ok(
            lines.some((l) => l.startsWith(`${ticket},`)),
            `${ticket} exported`,
          );
        assert.match(text, /"'=HYPERLINK\(""http:\/\/contoh.test"",""klik""\) saluran/);
        assert.doesNotMatch(text, /\n=|,=HYPERLINK/);
        const english = (await fetchIn(page, `${href}${href.includes('?') ? '&' : '?'}lang=en`)).text;
        assert.match(english.replace(/^\uFEFF/, ''), /^Ticket number,Reported,Status,/);
        await context.close();
      });

      test(`${slug}, ${size}: the admin reads the dashboard's charts, previews an unsaved colour in the real home page, corrects a refused one, declines a retirement, renames the app and reads the audit log`, async () => {
        const base = `http://${slug}.localhost:${port}`;
        const { tickets } = await submit(slug, ['Pohon tumbang menutup sebagian badan jalan utama.']);
        await asOwner(db.url, (c) => c.query(`UPDATE reports SET due_at = now() - interval '40 days' WHERE ticket_no = $1`, [tickets[0]]));
        const { page, context } = await staffPage(slug, size, { role: 'admin' });

        await page.goto(`${base}/admin`);
        for (const id of ['chart-status', 'chart-category', 'chart-sla']) {
          const svg = page.locator(`#${id} svg[role="img"]`);
          assert.equal(await svg.count(), 1, `${id} is drawn`);
          assert.ok((await page.textContent(`#${id}-title`))!.length > 5, `${id} has a title`);
          assert.ok((await page.locator(`#${id} rect`).count()) >= 1, `${id} has bars`);
          assert.ok((await page.locator(`#${id} table tbody tr`).count()) >= 1, `${id} has its numbers as a table`);
        }
        assert.match((await page.textContent('#most-overdue'))!, new RegExp(tickets[0]));
        await checkPage(page, size, `${slug} dashboard`);
        await screenshot(page, `staff-${slug}-${size}-4-dashboard`);

        // The preview frames the real home page with the proposed colour; nothing is saved.
        await page.goto(`${base}/admin/tampilan`);
        const savedPrimary = await page.inputValue('#primary');
        await page.fill('#primary', '#6a1b9a');
        await page.click('#preview');
        await page.waitForSelector('#preview-frame');
        assert.equal(await page.getAttribute('#preview-frame', 'sandbox'), 'allow-same-origin');
        const frame = page.frameLocator('#preview-frame');
        await frame.locator('.site-header').waitFor();
        const framed = await frame
          .locator('.site-header')
          .evaluate(
            (el) =>
              (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor,
          );
        assert.equal(hex(framed), '#6a1b9a', 'the frame shows the unsaved colour');
        assert.ok((await frame.locator('.tiles, .tile__link').count()) >= 1, 'the real home page, with its service tiles');
        await checkPage(page, size, `${slug} preview`);
        await screenshot(page, `staff-${slug}-${size}-5-preview`);
        const home = await context.newPage();
        await home.goto(base);
        assert.notEqual(
          hex(
            await home
              .locator('.site-header')
              .evaluate(
                (el) =>
                  (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el)
                    .backgroundColor,
              ),
          ),
          '#6a1b9a',
          'the preview saved nothing',
        );
        const framedHeaders = (await fetchIn(home, '/admin/tampilan/pratinjau/beranda?primary=%236a1b9a')).headers;
        assert.equal(framedHeaders['x-frame-options'], 'SAMEORIGIN');
        assert.match(framedHeaders['content-security-policy'], /frame-ancestors 'self'/);
        assert.match((await fetchIn(home, '/')).headers['content-security-policy'], /frame-ancestors 'none'/);
        await home.close();

        // A colour that cannot be read is refused with a suggestion that can; the suggestion saves.
        await page.goto(`${base}/admin/tampilan`);
        await page.fill('#primary', '#ffe066');
        await page.click('#save');
        await page.waitForSelector('#primary-error');
        const suggestion = /(#[0-9a-f]{6})\.\s*$/.exec((await page.textContent('#primary-error'))!.trim())?.[1];
        assert.ok(suggestion);
        await checkPage(page, size, `${slug} contrast refused`);
        await page.fill('#primary', suggestion);
        await page.click('#save');
        await page.waitForSelector('#saved');

        // Declining to retire an agency leaves it active.
        await page.goto(`${base}/admin/instansi`);
        const rows = await page.locator('#entries tbody tr').count();
        const link = page.locator('#entries a[href*="/pensiun?kode="]').first();
        const code = new URL((await link.getAttribute('href'))!, base).searchParams.get('kode')!;
        await link.click();
        await page.waitForSelector('#confirm-form');
        await checkPage(page, size, `${slug} retire confirmation`);
        await page.click('#cancel');
        await page.waitForSelector('#entries');
        assert.equal(await page.locator('#entries tbody tr').count(), rows);
        assert.equal((await page.locator(`#entries a[href*="kode=${code}"]`).count()) >= 1, true, `${code} is still listed`);

        // A rename reaches the header, the title, the greeting and the footer.
        const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
        const oldName = tenant.config.branding.appName;
        const newName = `${oldName} Maju ${size === 'phone' ? 'Ponsel' : 'Meja'}`;
        await page.goto(`${base}/admin/tampilan`);
        await page.fill('#appName', newName);
        await page.click('#save');
        await page.waitForSelector('#saved');
        await page.goto(base);
        assert.equal((await page.textContent('.brand__name'))!.trim(), newName);
        assert.match(await page.title(), new RegExp(newName));
        assert.match((await page.textContent('.site-footer'))!, new RegExp(newName));
        assert.doesNotMatch((await page.textContent('body'))!, new RegExp(`${oldName}(?! Maju)`), 'the old name is nowhere on the page');
        await screenshot(page, `staff-${slug}-${size}-6-renamed`);
        await page.goto(`${base}/admin/tampilan`);
        await page.fill('#appName', oldName);
        await page.fill('#primary', savedPrimary);
        await page.click('#save');
        await page.waitForSelector('#saved');

        // The audit log: sentences in the page's language, names not UUIDs, filters that fit.
        await page.goto(`${base}/admin/audit`);
        const log = (await page.textContent('#audit-log'))!;
        assert.match(log, new RegExp(`Revisi \\d+ \\(perubahan\\): Tampilan`));
        assert.match(log, /Tindakan massal "Proses": 2 laporan berhasil/);
        const summaries = await page.locator('.audit-entry__summary').allTextContents();
        for (const s of summaries) assert.doesNotMatch(s, UUID, `no UUID in "${s}"`);
        await checkPage(page, size, `${slug} audit`);
        await screenshot(page, `staff-${slug}-${size}-7-audit`);
        await page.goto(`${base}/admin/audit?lang=en&action=config.`);
        assert.match((await page.textContent('#audit-log'))!, /Revision \d+ \(change\): /);
        assert.equal(await page.locator('#audit-log [data-action^="reports."]').count(), 0, 'the filter keeps settings only');
        await checkPage(page, size, `${slug} audit in English, filtered`);
        await context.close();
      });
    }
  }
});
