import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { AccountsService, StaffService } from '@app/accounts';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { BROWSER_SKIP, launchBrowser, screenshot } from '../support/browser';
import { describeViolations, seriousViolations } from '../support/axe';
import { RunningPlatform, startPlatform } from '../support/platform';
import { linkIn, TestSmtpServer } from '../support/smtp';

const PHONE = { width: 390, height: 844 };

/**
 * Account recovery as a citizen does it on a phone (390×844), on both
 * tenants: "Lupa kata sandi?" on the sign-in page, the e-mail read from a
 * real SMTP server, its link opened, a new password set, signed in with it;
 * then the account, sessions and deletion pages; and a staff invitation from
 * its e-mail to the console. axe-core on every page, no sideways scrolling.
 */
describe('account recovery and staff invitations in a browser', { skip: BROWSER_SKIP }, () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let platform: RunningPlatform;
  let browser: Browser;
  let port: string;

  before(async () => {
    db = await createTestDatabase();
    smtp = await TestSmtpServer.start();
    platform = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false', SMTP_URL: smtp.url });
    port = new URL(platform.url).port;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await smtp?.close();
    await db?.drop();
  });

  function inTenant<T>(slug: string, fn: () => Promise<T>): Promise<T> {
    return platform.app.get(TenantContext).run(platform.app.get(TenantRegistry).getOrThrow(slug), fn);
  }

  async function check(page: Page, what: string): Promise<void> {
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= PHONE.width, `${what}: ${width}px wide at ${PHONE.width}px`);
    const violations = await seriousViolations(page);
    assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
  }

  for (const slug of ['jakarta', 'lampung'] as const) {
    test(`${slug}, phone: a forgotten password is reset from the e-mail, and the new one signs in`, async () => {
      const base = `http://${slug}.localhost:${port}`;
      const email = `lupa@${slug}.test`;
      await inTenant(slug, () =>
        platform.app
          .get(AccountsService)
          .registerCitizen({ email, password: 'sandi-lama-sekali-1', displayName: 'Dewi Lestari' }, '10.1.0.1'),
      );
      const context = await browser.newContext({ viewport: PHONE, bypassCSP: true });
      const page = await context.newPage();

      await page.goto(`${base}/masuk`);
      await check(page, 'sign-in');
      await page.click('text=Lupa kata sandi?');
      await page.waitForURL(/\/masuk\/lupa$/);
      await check(page, 'forgot password');
      await screenshot(page, `account-${slug}-1-forgot`);
      await page.fill('#email', email);
      await page.click('form[action="/masuk/lupa"] button[type="submit"]');
      await page.waitForSelector('#reset-sent');
      await check(page, 'reset sent');
      await screenshot(page, `account-${slug}-2-sent`);

      const mail = await smtp.waitFor(email);
      assert.match(mail.subject, /Atur ulang kata sandi/);
      const link = linkIn(mail, '/masuk/sandi-baru/');
      assert.equal(link.origin, base, 'the link leads back to the tenant’s own site');
      await page.goto(link.href);
      await check(page, 'new password');
      await screenshot(page, `account-${slug}-3-new-password`);
      await page.fill('#password', 'sandi-baru-sekali-2');
      await page.click('form[action^="/masuk/sandi-baru/"] button[type="submit"]');
      await page.waitForURL(/\/masuk\?sandi=baru$/);
      assert.match((await page.textContent('main')) ?? '', /Kata sandi baru sudah disimpan/);
      await check(page, 'sign-in after reset');

      await page.fill('#email', email);
      await page.fill('#password', 'sandi-baru-sekali-2');
      await page.click('form[action="/masuk"] button[type="submit"]');
      await page.waitForURL(`${base}/`);
      await page.goto(`${base}/akun`);
      assert.equal(await page.inputValue('#displayName'), 'Dewi Lestari');
      await check(page, 'account');
      await screenshot(page, `account-${slug}-4-account`);
      await page.click('a[href="/akun/sesi"]');
      await page.waitForSelector('.session-list__item');
      assert.match((await page.textContent('.session-list')) ?? '', /Perangkat ini/);
      assert.match((await page.textContent('.session-list')) ?? '', /Chrome · Linux/);
      await check(page, 'sessions');
      await screenshot(page, `account-${slug}-5-sessions`);
      await page.goto(`${base}/akun/hapus`);
      await check(page, 'delete account');
      await page.click('form[action="/akun/hapus"] button[type="submit"]');
      await page.waitForSelector('.error-summary');
      await check(page, 'delete account, not confirmed');
      await screenshot(page, `account-${slug}-6-delete-refused`);

      await page.goto(link.href);
      assert.match((await page.textContent('main')) ?? '', /Tautan ini tidak berlaku lagi/, 'the link works once');
      await check(page, 'used reset link');
      await context.close();
    });
  }

  test('lampung, phone: an invited officer opens the e-mail, sets a password and lands in the console', async () => {
    const base = `http://lampung.localhost:${port}`;
    const tenant = platform.app.get(TenantRegistry).getOrThrow('lampung');
    const agencyCode = Object.keys(tenant.config.agencies)[0];
    await inTenant('lampung', async () => {
      const admin = await platform.app
        .get(AccountsService)
        .createStaff({ email: 'admin@lampung.test', password: 'sandi-admin-panjang-1', displayName: 'Admin', role: 'admin' });
      await platform.app.get(StaffService).invite(
        { email: 'rudi@lampung.test', displayName: 'Rudi Hartono', role: 'officer', agencyCode },
        { accountId: admin.id, label: admin.email },
        {
          linkOf: (token) => `${base}/undangan/${token}`,
          locale: 'id',
          roleName: 'Petugas',
          timeText: (at) => at.toISOString(),
        },
      );
    });
    const mail = await smtp.waitFor('rudi@lampung.test');
    assert.match(mail.subject, /Undangan/);
    const context = await browser.newContext({ viewport: PHONE, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(linkIn(mail, '/undangan/').href);
    await check(page, 'invitation');
    assert.equal(await page.locator('a[href^="/daftar"]').count(), 0, 'no citizen registration on a staff landing');
    await screenshot(page, 'account-lampung-7-invitation');
    await page.fill('#password', 'sandi-petugas-rudi-1');
    await page.click('form[action^="/undangan/"] button[type="submit"]');
    await page.waitForURL(`${base}/konsol`);
    await check(page, 'console after the invitation');
    await screenshot(page, 'account-lampung-8-console');
    await context.close();
  });

  test('jakarta, phone: the admin sees an officer’s sessions and ends one', async () => {
    const base = `http://jakarta.localhost:${port}`;
    const agencyCode = Object.keys(platform.app.get(TenantRegistry).getOrThrow('jakarta').config.agencies)[0];
    const { adminToken, officerId } = await inTenant('jakarta', async () => {
      const accounts = platform.app.get(AccountsService);
      const admin = await accounts.createStaff({
        email: 'admin@jakarta.test',
        password: 'sandi-admin-panjang-1',
        displayName: 'Admin',
        role: 'admin',
      });
      const officer = await accounts.createStaff({
        email: 'sari@jakarta.test',
        password: 'sandi-petugas-sari-1',
        displayName: 'Sari',
        role: 'officer',
        agencyCode,
      });
      await accounts.startSession(officer);
      return { adminToken: (await accounts.startSession(admin)).token, officerId: officer.id };
    });
    const context = await browser.newContext({ viewport: PHONE, bypassCSP: true });
    await context.addCookies([{ name: 'sid', value: adminToken, domain: 'jakarta.localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`${base}/admin/pengguna`);
    await check(page, 'admin users');
    await page.click(`a[href="/admin/pengguna/${officerId}/sesi"]`);
    await page.waitForSelector('.session-list__item');
    await check(page, 'staff sessions');
    await screenshot(page, 'account-jakarta-9-staff-sessions');
    await page.click('.session-list__item form button[type="submit"]');
    await page.waitForSelector('.notice--success');
    assert.equal(await page.locator('.session-list__item').count(), 0);
    await check(page, 'staff sessions ended');
    await context.close();
  });
});
