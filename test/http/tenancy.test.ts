import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';

const HTML = { accept: 'text/html,application/xhtml+xml' };

describe('tenant resolution over HTTP', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let proxied: RunningPlatform;

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    proxied = await startPlatform({ DATABASE_URL: db.url, TRUST_PROXY: 'true' });
  });
  after(async () => {
    await platform?.close();
    await proxied?.close();
    await db?.drop();
  });

  test("each tenant's home page shows its own name, colours and tiles", async () => {
    const jakarta = await request(platform.url, '/', { host: 'jakarta.localhost', headers: HTML });
    const lampung = await request(platform.url, '/', { host: 'lampung.localhost', headers: HTML });
    assert.equal(jakarta.status, 200);
    assert.equal(lampung.status, 200);
    assert.match(jakarta.body, /<span class="brand__name">JAKI<\/span>/);
    assert.match(lampung.body, /<span class="brand__name">Lampung-In<\/span>/);
    assert.match(jakarta.body, /--color-primary:#1565c0/);
    assert.match(lampung.body, /--color-primary:#0b6e4f/);
    assert.doesNotMatch(lampung.body, /JAKI|Jakarta/, "Lampung's page shows nothing of Jakarta");
    assert.match(jakarta.body, /href="\/berita"/, 'Jakarta has news');
    assert.doesNotMatch(lampung.body, /href="\/berita"/, 'Lampung has no news tile');
    assert.match(lampung.body, /Lampung-In: layanan warga Provinsi Lampung/, "Lampung's footer partial overrides the base one");
  });

  test('Indonesian by default, English on request, remembered by cookie', async () => {
    const id = await request(platform.url, '/', { host: 'jakarta.localhost' });
    assert.match(id.body, /<html lang="id">/);
    assert.match(id.body, /Halo, warga Jakarta!/);
    const en = await request(platform.url, '/?lang=en', { host: 'jakarta.localhost' });
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /Hello, Jakarta residents!/);
    assert.match(String(en.headers['set-cookie']), /lang=en/);
    const again = await request(platform.url, '/', { host: 'jakarta.localhost', headers: { cookie: 'lang=en' } });
    assert.match(again.body, /Hello, Jakarta residents!/);
  });

  test('the Host header is matched case-insensitively, with port and trailing dot', async () => {
    const res = await request(platform.url, '/', { host: 'LAMPUNG.LocalHost.:3000' });
    assert.equal(res.status, 200);
    assert.match(res.body, /Lampung-In/);
  });

  test('an alias host redirects permanently to the primary host, keeping path and query', async () => {
    const res = await request(platform.url, '/darurat?lang=en&x=1', { host: 'www.jaki.jakarta.go.id' });
    assert.equal(res.status, 301);
    assert.equal(res.headers.location, 'http://jaki.jakarta.go.id/darurat?lang=en&x=1');
  });

  test('an unknown host gets 404 and no tenant content, as HTML or JSON', async () => {
    const page = await request(platform.url, '/', { host: 'bandung.localhost', headers: HTML });
    assert.equal(page.status, 404);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /Situs tidak ditemukan/);
    assert.doesNotMatch(page.body, /JAKI|Lampung|Jakarta|#1565c0|#0b6e4f/);
    const api = await request(platform.url, '/api/tenant', { host: 'bandung.localhost' });
    assert.equal(api.status, 404);
    assert.deepEqual(api.json(), { statusCode: 404, error: 'Not Found', message: 'No tenant is served at this host' });
    const missing = await request(platform.url, '/', { host: '' });
    assert.equal(missing.status, 404);
  });

  test("a disabled service's routes answer 404 while an enabled one's work", async () => {
    assert.equal((await request(platform.url, '/berita', { host: 'jakarta.localhost' })).status, 200);
    const disabled = await request(platform.url, '/berita', { host: 'lampung.localhost', headers: HTML });
    assert.equal(disabled.status, 404);
    assert.match(disabled.body, /Halaman tidak ditemukan/);
    assert.match(disabled.body, /Lampung-In/, "a tenant's 404 page is in its own branding");
    assert.equal((await request(platform.url, '/darurat', { host: 'lampung.localhost' })).status, 200);
  });

  test('X-Forwarded-Host is ignored unless TRUST_PROXY is set', async () => {
    const ignored = await request(platform.url, '/api/tenant', {
      host: 'jakarta.localhost',
      headers: { 'x-forwarded-host': 'lampung.localhost' },
    });
    assert.equal(ignored.json<{ slug: string }>().slug, 'jakarta');
    const unknown = await request(platform.url, '/api/tenant', {
      host: 'proxy.internal',
      headers: { 'x-forwarded-host': 'lampung.localhost' },
    });
    assert.equal(unknown.status, 404);
    const trusted = await request(proxied.url, '/api/tenant', {
      host: 'proxy.internal',
      headers: { 'x-forwarded-host': 'lampung.localhost' },
    });
    assert.equal(trusted.json<{ slug: string }>().slug, 'lampung');
    const redirect = await request(proxied.url, '/', {
      host: 'proxy.internal',
      headers: { 'x-forwarded-host': 'www.jaki.jakarta.go.id', 'x-forwarded-proto': 'https' },
    });
    assert.equal(redirect.headers.location, 'https://jaki.jakarta.go.id/');
  });

  test('the tenant JSON API describes the tenant of the host', async () => {
    const res = await request(platform.url, '/api/tenant', { host: 'lampung.localhost' });
    assert.equal(res.status, 200);
    const body = res.json<{ slug: string; appName: string; services: string[] }>();
    assert.equal(body.slug, 'lampung');
    assert.equal(body.appName, 'Lampung-In');
    assert.deepEqual(body.services, ['reports', 'emergency', 'directory', 'feeds']);
  });

  test('tenant assets resolve along extends; paths cannot escape the assets folder', async () => {
    const logo = await request(platform.url, '/assets/logo.svg', { host: 'lampung.localhost' });
    assert.equal(logo.status, 200);
    assert.match(logo.body, /Lampung-In/);
    assert.equal(logo.headers['content-type'], 'image/svg+xml');
    for (const path of ['/assets/../tenant.yaml', '/assets/%2e%2e/tenant.yaml', '/assets/..%2ftenant.yaml', '/assets/nothing.svg']) {
      assert.equal((await request(platform.url, path, { host: 'lampung.localhost' })).status, 404, path);
    }
  });

  test('emergency numbers and the agency directory come from the tenant config, escaped', async () => {
    const emergency = await request(platform.url, '/darurat?lang=en', { host: 'jakarta.localhost' });
    assert.match(emergency.body, /href="tel:112"/);
    const directory = await request(platform.url, '/direktori', { host: 'lampung.localhost' });
    assert.match(directory.body, /Dinas Bina Marga dan Bina Konstruksi/);
    assert.doesNotMatch(directory.body, /Dinas Bina Marga Provinsi DKI Jakarta/);
  });
});
