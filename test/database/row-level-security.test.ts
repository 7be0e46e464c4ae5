import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DataSource } from 'typeorm';
import { APP_ROLE, assertSafeApplicationRole, TenantDatabase, UNPROTECTED_TENANT_TABLES, UnsafeDatabaseRoleError } from '@app/database';
import { ConfigRevisionRepository } from '@app/revisions';
import { NoTenantContextError, TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { RunningPlatform, startPlatform } from '../support/platform';

describe('row-level security on the real PostgreSQL server', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let context: TenantContext;
  let registry: TenantRegistry;
  let revisions: ConfigRevisionRepository;

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    context = platform.app.get(TenantContext);
    registry = platform.app.get(TenantRegistry);
    revisions = platform.app.get(ConfigRevisionRepository);
    const jakarta = registry.getOrThrow('jakarta');
    await context.run(jakarta, () => revisions.append({ branding: { appName: 'JAKI' } }, 'test', 'jakarta row'));
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  test('every table with a tenant_id column has forced RLS and a policy', async () => {
    const tables = await asOwner(
      db.url,
      async (c) =>
        (
          await c.query<{ table_name: string }>(
            `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'`,
          )
        ).rows,
    );
    assert.ok(tables.length >= 1, 'there are tenant tables');
    const unprotected = await asOwner(db.url, async (c) => (await c.query<{ table: string }>(UNPROTECTED_TENANT_TABLES)).rows);
    assert.deepEqual(unprotected, []);
    const policies = await asOwner(
      db.url,
      async (c) =>
        (
          await c.query<{ tablename: string; policyname: string; qual: string; with_check: string }>(
            `SELECT tablename, policyname, qual, with_check FROM pg_policies WHERE schemaname = 'public'`,
          )
        ).rows,
    );
    for (const { table_name } of tables) {
      // The tenant policy; a table may add one more (feed_price_comparison's published_comparison, read-only).
      const policy = policies.find((p) => p.tablename === table_name && p.policyname === 'tenant_isolation');
      assert.ok(policy, `${table_name} has a policy`);
      assert.match(policy?.qual ?? '', /current_setting\('app\.tenant_id'/);
      assert.match(policy?.with_check ?? '', /current_setting\('app\.tenant_id'/);
    }
  });

  test('every primary key of a tenant table starts with tenant_id', async () => {
    const keys = await asOwner(
      db.url,
      async (c) =>
        (
          await c.query<{ table: string; first: string }>(`
      SELECT t.relname AS table, (SELECT attname FROM pg_attribute WHERE attrelid = t.oid AND attnum = con.conkey[1]) AS first
        FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'f')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'tenant_id')`)
        ).rows,
    );
    for (const key of keys) assert.equal(key.first, 'tenant_id', `a key of ${key.table} leads with tenant_id`);
  });

  test('the application runs as a role that is not superuser, BYPASSRLS or owner', async () => {
    const ds = platform.app.get(DataSource);
    const [role] = await ds.query<{ name: string; rolsuper: boolean; rolbypassrls: boolean }[]>(
      `SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    assert.deepEqual(role, { name: APP_ROLE, rolsuper: false, rolbypassrls: false });
  });

  test('outside any tenant context, the application sees no rows', async () => {
    const ds = platform.app.get(DataSource);
    assert.deepEqual(await ds.query('SELECT * FROM config_revisions'), []);
    const owner = await asOwner(
      db.url,
      async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM config_revisions')).rows[0].n,
    );
    assert.equal(owner, 1, 'yet the row is there');
  });

  test('repositories refuse to run without a tenant context (fail closed)', async () => {
    await assert.rejects(() => revisions.latest(), NoTenantContextError);
  });

  test('a tenant reads only its own rows', async () => {
    const lampung = registry.getOrThrow('lampung');
    assert.equal(await context.run(lampung, () => revisions.latest()), null);
    const jakarta = registry.getOrThrow('jakarta');
    assert.equal((await context.run(jakarta, () => revisions.latest()))?.message, 'jakarta row');
  });

  test("a write for tenant A inside tenant B's transaction is refused", async () => {
    const tenantDb = platform.app.get(TenantDatabase);
    const lampung = registry.getOrThrow('lampung');
    await assert.rejects(
      () =>
        context.run(lampung, () =>
          tenantDb.transaction((m) =>
            m.query(
              `INSERT INTO config_revisions (tenant_id, revision, patch, author, message) VALUES ('jakarta', 99, '{}', 'x', 'forged')`,
            ),
          ),
        ),
      /row-level security/,
    );
    const forged = await asOwner(
      db.url,
      async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM config_revisions WHERE message = 'forged'`)).rows[0].n,
    );
    assert.equal(forged, 0);
  });

  test("an update or delete aimed at another tenant's rows changes nothing", async () => {
    const tenantDb = platform.app.get(TenantDatabase);
    const lampung = registry.getOrThrow('lampung');
    // The app role may not rewrite history at all; even the attempt through another tenant is refused.
    await assert.rejects(
      () => context.run(lampung, () => tenantDb.transaction((m) => m.query(`DELETE FROM config_revisions`))),
      /permission denied/,
    );
    const left = await asOwner(
      db.url,
      async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM config_revisions`)).rows[0].n,
    );
    assert.equal(left, 1);
  });

  test('the tenant setting does not leak to the next transaction on the same connection', async () => {
    const ds = platform.app.get(DataSource);
    const jakarta = registry.getOrThrow('jakarta');
    const tenantDb = platform.app.get(TenantDatabase);
    for (let i = 0; i < 20; i++) await context.run(jakarta, () => tenantDb.transaction((m) => m.query('SELECT 1')));
    const rows = await ds.query<{ t: string | null }[]>(`SELECT current_setting('app.tenant_id', true) AS t`);
    assert.ok(rows[0].t === null || rows[0].t === '', `no tenant outside a transaction, got ${rows[0].t}`);
  });

  test('a one-round-trip read (TenantDatabase.read) sees only its tenant, and its setting ends with it', async () => {
    const ds = platform.app.get(DataSource);
    const tenantDb = platform.app.get(TenantDatabase);
    const messages = {
      name: 'test_revision_messages',
      text: 'SELECT message, current_setting($1, true) AS t FROM config_revisions',
      values: ['app.tenant_id'],
    };
    const read = (slug: string) => context.run(registry.getOrThrow(slug), () => tenantDb.read<{ message: string; t: string }>(messages));
    for (let i = 0; i < 12; i++) {
      assert.deepEqual(await read('jakarta'), [{ message: 'jakarta row', t: 'jakarta' }]);
      assert.deepEqual(await read('lampung'), [], "lampung never sees jakarta's row");
    }
    const rows = await ds.query<{ t: string | null; n: number }[]>(
      `SELECT current_setting('app.tenant_id', true) AS t, (SELECT count(*)::int FROM config_revisions) AS n`,
    );
    assert.ok(rows[0].t === null || rows[0].t === '', `no tenant after the reads, got ${rows[0].t}`);
    assert.equal(rows[0].n, 0, 'and nothing visible outside them');
    await assert.rejects(() => tenantDb.read(messages), NoTenantContextError);
  });

  test('a failing one-round-trip read leaves no broken connection behind', async () => {
    const tenantDb = platform.app.get(TenantDatabase);
    const jakarta = registry.getOrThrow('jakarta');
    const bad = { name: 'test_bad_read', text: 'SELECT message FROM config_revisions WHERE revision = $1', values: ['not a number'] };
    for (let i = 0; i < 12; i++) await assert.rejects(() => context.run(jakarta, () => tenantDb.read(bad)), /invalid input syntax/);
    const good = { name: 'test_bad_read', text: 'SELECT message FROM config_revisions WHERE revision = $1', values: [1] };
    for (let i = 0; i < 12; i++) assert.deepEqual(await context.run(jakarta, () => tenantDb.read(good)), [{ message: 'jakarta row' }]);
    const writes = {
      name: 'test_forged_write',
      text: `INSERT INTO config_revisions (tenant_id, revision, patch, author, message) VALUES ('lampung', 98, '{}', 'x', 'forged') RETURNING 1`,
      values: [],
    };
    await assert.rejects(() => context.run(jakarta, () => tenantDb.read(writes)), /row-level security|permission denied/);
  });

  test('the boot check refuses a superuser connection', async () => {
    const ds = new DataSource({ type: 'postgres', url: db.url });
    await ds.initialize();
    try {
      await assert.rejects(
        () => assertSafeApplicationRole(ds),
        (e: Error) => e instanceof UnsafeDatabaseRoleError && /superuser/.test(e.message),
      );
    } finally {
      await ds.destroy();
    }
  });

  test('the boot check refuses a tenant table without forced RLS', async () => {
    await asOwner(db.url, (c) => c.query('CREATE TABLE sneaky (tenant_id text NOT NULL, v int)'));
    try {
      await assert.rejects(() => assertSafeApplicationRole(platform.app.get(DataSource)), /sneaky/);
    } finally {
      await asOwner(db.url, (c) => c.query('DROP TABLE sneaky'));
    }
  });
});
