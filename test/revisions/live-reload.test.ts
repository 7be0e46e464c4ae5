import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';
import { brandingForm, caller, csrfOf, HOSTS, sessionOf } from './admin-support';

const TENANTS = join(__dirname, '..', '..', '..', 'tenants');

/** Polls `check` every 50 ms until it holds or `ms` pass; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start <= ms) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not within ${ms} ms`);
}

describe('live reload of tenant config', () => {
  let db: TestDatabase;
  const platforms: RunningPlatform[] = [];

  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    for (const p of platforms) await p.close();
    await db?.drop();
  });

  test("a revision saved on instance 1 changes instance 2's home page within 1 s, without restart", async () => {
    const one = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false' });
    platforms.push(one);
    const two = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false' });
    platforms.push(two);
    const home = () => request(two.url, '/', { host: HOSTS.lampung }).then((r) => r.body);
    assert.match(await home(), /Lampung-In/);
    const admin = caller(
      one.url,
      HOSTS.lampung,
      await sessionOf(one, 'lampung', { role: 'admin', email: 'admin@lampung.test', displayName: 'Admin' }),
      await csrfOf(one.url, HOSTS.lampung),
    );
    const saved = await admin.post('/admin/tampilan', brandingForm({ appName: 'Lampung Serentak', primary: '#224466' }));
    assert.equal(saved.status, 303);
    await within(1000, async () => /Lampung Serentak/.test(await home()) && /--color-primary:#224466/.test(await home()));
    assert.equal(two.app.get(TenantRegistry).getOrThrow('lampung').revision, 1);
    assert.doesNotMatch((await request(two.url, '/', { host: HOSTS.jakarta })).body, /Lampung Serentak/);

    // A rollback through instance 2 reaches instance 1 too.
    const admin2 = caller(
      two.url,
      HOSTS.lampung,
      await sessionOf(two, 'lampung', { role: 'admin', email: 'admin2@lampung.test', displayName: 'Admin 2' }),
      await csrfOf(two.url, HOSTS.lampung),
    );
    assert.equal((await admin2.post('/admin/revisi/0/kembalikan', { confirm: 'yes' })).status, 303);
    await within(1000, async () => /Lampung-In/.test((await request(one.url, '/', { host: HOSTS.lampung })).body));
  });

  test('in development, editing a tenant folder reloads it; a broken edit keeps the last good config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replika-tenants-'));
    cpSync(TENANTS, dir, { recursive: true });
    const platform = await startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: dir, NODE_ENV: 'development' });
    platforms.push(platform);
    const home = () => request(platform.url, '/', { host: HOSTS.lampung }).then((r) => r.body);
    const file = join(dir, 'lampung', 'tenant.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('appName: Lampung-In', 'appName: Lampung Dari Folder'));
    await within(3000, async () => /Lampung Dari Folder/.test(await home()));

    // An invalid colour: the last good config stays.
    writeFileSync(file, original.replace('appName: Lampung-In', 'appName: Rusak').replace('primary: "#0b6e4f"', 'primary: merah'));
    await new Promise((r) => setTimeout(r, 800));
    assert.match(await home(), /Lampung Dari Folder/);
    assert.equal(platform.app.get(TenantRegistry).getOrThrow('lampung').config.branding.appName, 'Lampung Dari Folder');

    // A template in a subfolder is watched too.
    writeFileSync(join(dir, 'lampung', 'tenant.yaml'), original);
    writeFileSync(join(dir, 'lampung', 'templates', 'partials', 'footer.hbs'), '<footer class="site-footer">Kaki dari folder</footer>\n');
    await within(3000, async () => /Kaki dari folder/.test(await home()));
  });
});
