import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, TestDatabase } from '../support/database';
import { BROWSER_SKIP, launchBrowser, screenshot } from '../support/browser';
import { RunningPlatform, startPlatform } from '../support/platform';
import { sessionOf } from '../revisions/admin-support';

/**
 * Lampung's admin changes the primary colour and app name and disables a
 * service; Lampung's portal shows it at once while Jakarta's is unchanged;
 * a rollback restores it. The admin's session is started directly (the
 * sign-in form and its second factor are tested with accounts).
 */
describe('the admin console in a browser', { skip: BROWSER_SKIP }, () => {
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

  test("Lampung's admin rebrands and disables a service; Jakarta is unchanged; a rollback restores", async () => {
    const lampung = `http://lampung.localhost:${port}`;
    const jakarta = `http://jakarta.localhost:${port}`;
    const shot = (page: Page, step: string) => screenshot(page, `admin-${step}`);
    const sid = await sessionOf(platform, 'lampung', { role: 'admin', email: 'admin@lampung.test', displayName: 'Admin Lampung' });
    const context = await browser.newContext();
    await context.addCookies([{ name: 'sid', value: sid, domain: 'lampung.localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
    const admin = await context.newPage();
    const citizen = await (await browser.newContext()).newPage();
    const primaryOf = (page: Page) =>
      page.evaluate<string>(`getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim()`);

    // Branding: colour and name, previewed, then saved.
    await admin.goto(`${lampung}/admin/tampilan`);
    await admin.fill('#appName', 'Lampung Juara');
    await admin.fill('#primary-picker', '#8e24aa');
    assert.equal(await admin.inputValue('#primary'), '#8e24aa');
    await admin.fill('#message', 'Warna ungu untuk peluncuran');
    await shot(admin, '1-branding-form');
    await admin.click('#preview');
    await admin.waitForSelector('#preview-heading');
    // The preview frames the real home page rendered with the unsaved values.
    const framed = admin.frameLocator('#preview-frame').locator('.brand__name');
    assert.equal((await framed.textContent())!.trim(), 'Lampung Juara');
    await shot(admin, '2-branding-preview');
    await admin.click('#save');
    await admin.waitForSelector('#saved');

    // Services: directory off.
    await admin.goto(`${lampung}/admin/layanan`);
    await admin.uncheck('#enabled_directory');
    await admin.click('#save');
    await admin.waitForSelector('#saved');
    await shot(admin, '3-services-saved');

    // Lampung's portal shows it at once; Jakarta's does not change.
    await citizen.goto(lampung);
    assert.equal((await citizen.textContent('.brand__name'))!.trim(), 'Lampung Juara');
    assert.equal(await primaryOf(citizen), '#8e24aa');
    assert.equal(await citizen.locator('a[href="/direktori"]').count(), 0);
    assert.equal((await citizen.goto(`${lampung}/direktori`))!.status(), 404);
    await citizen.goto(lampung);
    await shot(citizen, '4-lampung-portal');
    await citizen.goto(jakarta);
    assert.equal((await citizen.textContent('.brand__name'))!.trim(), 'JAKI');
    assert.equal(await primaryOf(citizen), '#1565c0');
    assert.equal(await citizen.locator('a[href="/direktori"]').count(), 1);
    await shot(citizen, '5-jakarta-portal');

    // The revisions, and a rollback to before both.
    await admin.goto(`${lampung}/admin/revisi`);
    assert.match((await admin.textContent('#revision-1'))!, /Warna ungu untuk peluncuran/);
    await shot(admin, '6-revisions');
    await admin.click('#rollback-0');
    await admin.waitForSelector('#confirm-form');
    await admin.click('#confirm');
    await admin.waitForSelector('#saved');
    await citizen.goto(lampung);
    assert.equal((await citizen.textContent('.brand__name'))!.trim(), 'Lampung-In');
    assert.equal(await primaryOf(citizen), '#0b6e4f');
    assert.equal(await citizen.locator('a[href="/direktori"]').count(), 1);
    await shot(citizen, '7-lampung-restored');
  });
});
