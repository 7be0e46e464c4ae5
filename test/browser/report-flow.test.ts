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

const PASSWORD = 'sandi-panjang-sekali-1';
/** Under CI the browser test must run; elsewhere it may skip when Debian's chromium is not installed. */

interface TenantFlow {
  slug: string;
  host: string;
  ticketPrefix: RegExp;
  /** Where the report lies, and the agency the tenant's routing sends it to. */
  location: { latitude: string; longitude: string };
  agency: string;
  agencyName: RegExp;
  description: string;
}

const FLOWS: TenantFlow[] = [
  {
    slug: 'jakarta',
    host: 'jakarta.localhost',
    ticketPrefix: /^JK\d{10}$/,
    location: { latitude: '-6.2440', longitude: '106.8000' },
    agency: 'sudin-bina-marga-jakarta-selatan',
    agencyName: /Suku Dinas Bina Marga/,
    description: 'Jalan berlubang besar di depan halte Blok M, membahayakan pengendara.',
  },
  {
    slug: 'lampung',
    host: 'lampung.localhost',
    ticketPrefix: /^LP\d{10}$/,
    location: { latitude: '-5.4300', longitude: '105.2600' },
    agency: 'pemkot-bandar-lampung',
    agencyName: /Bandar Lampung/,
    description: 'Jalan rusak parah di Kota Bandar Lampung dekat pasar, banyak lubang.',
  },
];

describe('the report flow in a browser', { skip: BROWSER_SKIP }, () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let browser: Browser;
  let port: string;
  const files: Record<string, string> = {};

  const staff = (slug: string, account: StaffAccount) => {
    const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
    return platform.app.get(TenantContext).run(tenant, () => platform.app.get(AccountsService).createStaff(account));
  };

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    port = new URL(platform.url).port;
    const dir = mkdtempSync(join(tmpdir(), 'replika-photos-'));
    for (const [name, seed] of [
      ['report', 11],
      ['before', 12],
      ['after', 13],
    ] as const) {
      files[name] = join(dir, `${name}.jpg`);
      writeFileSync(files[name], await testPhoto(seed));
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await db?.drop();
  });

  for (const flow of FLOWS) {
    test(`${flow.slug}: a citizen reports, an officer follows up, a validator accepts, the citizen rates`, async () => {
      const base = `http://${flow.host}:${port}`;
      const shot = (page: Page, step: string) => screenshot(page, `${flow.slug}-${step}`);
      await staff(flow.slug, {
        email: `petugas@${flow.slug}.go.id`,
        password: PASSWORD,
        displayName: 'Petugas',
        role: 'officer',
        agencyCode: flow.agency,
      });
      await staff(flow.slug, { email: `validator@${flow.slug}.go.id`, password: PASSWORD, displayName: 'Validator', role: 'validator' });

      // The citizen files a report with a photo, without an account.
      const citizen = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
      await citizen.goto(`${base}/laporan/baru`);
      await citizen.selectOption('#category', 'jalan-rusak');
      await citizen.fill('#description', flow.description);
      await citizen.fill('#address', 'Depan pasar');
      await citizen.fill('#latitude', flow.location.latitude);
      await citizen.fill('#longitude', flow.location.longitude);
      await citizen.setInputFiles('#photos', files.report);
      await shot(citizen, '1-form');
      await citizen.click('form.report-form button[type="submit"]');
      await citizen.waitForSelector('#ticket');
      const ticket = (await citizen.textContent('#ticket'))!.trim();
      assert.match(ticket, flow.ticketPrefix);
      assert.ok((await citizen.textContent('#tracking-token'))!.trim().length >= 20);
      assert.match((await citizen.textContent('main'))!, flow.agencyName);
      const trackUrl = await citizen.getAttribute('a[href^="/laporan/lacak?"]', 'href');
      await shot(citizen, '2-confirmation');

      // An officer of the receiving agency starts work, then sends before/after evidence.
      const officer = await (await browser.newContext()).newPage();
      await signIn(officer, base, `petugas@${flow.slug}.go.id`);
      await officer.goto(`${base}/konsol`);
      await officer.click(`a[href="/konsol/laporan/${ticket}"]`);
      await shot(officer, '3-console-report');
      await officer.click('#action-proses-submit');
      await officer.waitForSelector('#action-tindak-lanjut');
      await officer.setInputFiles('#before-tindak-lanjut', files.before);
      await officer.setInputFiles('#after-tindak-lanjut', files.after);
      await officer.fill('#note-tindak-lanjut', 'Lubang sudah ditambal dan diaspal ulang.');
      await officer.click('#action-tindak-lanjut-submit');
      await officer.waitForSelector('.report-status');
      assert.match((await officer.textContent('.report-details'))!, /Menunggu Validasi/);
      await shot(officer, '4-awaiting-validation');

      // A validator accepts the follow-up.
      const validator = await (await browser.newContext()).newPage();
      await signIn(validator, base, `validator@${flow.slug}.go.id`);
      await validator.goto(`${base}/konsol/laporan/${ticket}`);
      await validator.click('#action-terima-submit');
      await validator.waitForSelector('.report-status--closed');
      assert.match((await validator.textContent('.report-details'))!, /Selesai/);
      await shot(validator, '5-accepted');

      // The citizen tracks the report, sees it done, and rates it.
      await citizen.goto(`${base}${trackUrl}`);
      assert.match((await citizen.textContent('.report-details'))!, /Selesai/);
      await shot(citizen, '6-tracked-done');
      await citizen.check('input[name="rating"][value="5"]');
      await citizen.fill('#comment', 'Cepat ditangani, terima kasih.');
      await citizen.click('#rating button[type="submit"]');
      await citizen.waitForSelector('.report-details');
      assert.match((await citizen.textContent('.report-details'))!, /5 dari 5/);
      assert.equal(await citizen.$('#rating'), null, 'rated once: the form is gone');
      await shot(citizen, '7-rated');
    });
  }
});

async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/masuk?next=%2Fkonsol`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('form[action="/masuk"] button[type="submit"]');
  await page.waitForURL(/\/konsol/);
}
