import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DataSource } from 'typeorm';
import { APP_ROLE, TenantDatabase } from '@app/database';
import { ConfigRevisionRepository } from '@app/revisions';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { request } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';

/** The quick start: no DATABASE_URL, so PGlite under DATA_DIR. */
describe('the embedded default (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'replika-embedded-'));
  let platform: RunningPlatform;

  before(async () => {
    platform = await startPlatform({ DATA_DIR: dataDir, DATABASE_URL: undefined });
  });
  after(async () => {
    await platform?.close();
  });

  test('boots, migrates and serves both tenants', async () => {
    const ds = platform.app.get(DataSource);
    assert.deepEqual(await ds.query(`SELECT to_regclass('config_revisions') IS NOT NULL AS ok`), [{ ok: true }]);
    assert.match((await request(platform.url, '/', { host: 'jakarta.localhost' })).body, /JAKI/);
    assert.match((await request(platform.url, '/', { host: 'lampung.localhost' })).body, /Lampung-In/);
  });

  test('the application switched to its non-superuser role', async () => {
    const [role] = await platform.app
      .get(DataSource)
      .query<object[]>(`SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    assert.deepEqual(role, { name: APP_ROLE, rolsuper: false, rolbypassrls: false });
  });

  test('50 concurrent requests alternating between two tenants each read only their own rows', async () => {
    const context = platform.app.get(TenantContext);
    const registry = platform.app.get(TenantRegistry);
    const revisions = platform.app.get(ConfigRevisionRepository);
    for (const [slug, count] of [
      ['jakarta', 2],
      ['lampung', 3],
    ] as const) {
      for (let i = 1; i <= count; i++) {
        await context.run(registry.getOrThrow(slug), () =>
          revisions.append({ branding: { tagline: { id: `${slug} revisi ${i}` } } }, 'test', `${slug} ${i}`),
        );
      }
    }
    const hosts = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 'jakarta' : 'lampung'));
    const responses = await Promise.all(hosts.map((slug) => request(platform.url, '/api/tenant', { host: `${slug}.localhost` })));
    responses.forEach((res, i) => {
      const body = res.json<{ slug: string; configRevision: { revision: number } }>();
      assert.equal(body.slug, hosts[i]);
      assert.equal(body.configRevision.revision, hosts[i] === 'jakarta' ? 2 : 3, `request ${i} (${hosts[i]}) saw its own latest revision`);
    });
  });

  test("concurrent transactions never interleave on PGlite's single session", async () => {
    const context = platform.app.get(TenantContext);
    const registry = platform.app.get(TenantRegistry);
    const db = platform.app.get(TenantDatabase);
    const order: string[] = [];
    const seen = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const tenant = registry.getOrThrow(i % 2 === 0 ? 'jakarta' : 'lampung');
        return context.run(tenant, () =>
          db.transaction(async (m) => {
            order.push(`begin ${i}`);
            await m.query('SELECT pg_sleep(0.005)');
            const [{ t }] = await m.query<{ t: string | null }[]>(`SELECT current_setting('app.tenant_id', true) AS t`);
            order.push(`end ${i}`);
            return { expected: tenant.slug, t };
          }),
        );
      }),
    );
    for (const { expected, t } of seen) assert.equal(t, expected);
    for (let i = 0; i < order.length; i += 2) {
      assert.equal(order[i].replace('begin', 'end'), order[i + 1], 'each transaction ends before the next begins');
    }
  });

  test('one-round-trip reads (the public feed) keep to their tenant on the single session, interleaved with transactions', async () => {
    const context = platform.app.get(TenantContext);
    const registry = platform.app.get(TenantRegistry);
    const db = platform.app.get(TenantDatabase);
    const statement = {
      name: 'test_embedded_read',
      text: `SELECT current_setting('app.tenant_id', true) AS t, count(*)::int AS n FROM config_revisions`,
      values: [],
    };
    const seen = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const tenant = registry.getOrThrow(i % 2 === 0 ? 'jakarta' : 'lampung');
        return context.run(tenant, async () => ({
          expected: tenant.slug,
          read: (await db.read<{ t: string; n: number }>(statement))[0],
          tx: await db.transaction(
            async (m) => (await m.query<{ t: string }[]>(`SELECT current_setting('app.tenant_id', true) AS t`))[0].t,
          ),
        }));
      }),
    );
    for (const { expected, read, tx } of seen) {
      assert.deepEqual(read, { t: expected, n: expected === 'jakarta' ? 2 : 3 });
      assert.equal(tx, expected);
    }
    const [after] = await platform.app.get(DataSource).query<{ t: string | null }[]>(`SELECT current_setting('app.tenant_id', true) AS t`);
    assert.ok(after.t === null || after.t === '', 'no tenant left on the session');
    const feed = await request(platform.url, '/api/reports', { host: 'jakarta.localhost' });
    assert.equal(feed.status, 200);
  });

  test('data survives a restart, and the latest admin revision is applied at boot', async () => {
    await platform.close();
    platform = await startPlatform({ DATA_DIR: dataDir, DATABASE_URL: undefined });
    const res = await request(platform.url, '/', { host: 'lampung.localhost' });
    assert.match(res.body, /lampung revisi 3/);
    const jakarta = await request(platform.url, '/api/tenant', { host: 'jakarta.localhost' });
    assert.equal(jakarta.json<{ configRevision: { revision: number } }>().configRevision.revision, 2);
  });
});
