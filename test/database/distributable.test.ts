import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startPlatform } from '../support/platform';

/**
 * Tables of the public schema that hold no tenant's rows and are not meant to be distributed (docs/scaling.md):
 * each with the reason. A new one has to be added here, knowingly.
 */
const NOT_TENANT_TABLES: Record<string, string> = {
  migrations: "TypeORM's record of applied migrations: one per deployment, a local table on the Citus coordinator",
  tenant_suspensions: "the operator's list of suspended tenants, keyed by slug, read whole by every instance: a Citus reference table",
};

/** Tenant tables that break the rule today, each with its reason. Empty: every tenant table is distributable. */
const EXCEPTIONS: Record<string, string> = {};

interface Problem {
  table: string;
  what: string;
}

/**
 * What would stop `create_distributed_table(t, 'tenant_id')` on Citus, or
 * co-location of the tenant tables: a tenant table whose primary key, unique
 * constraint or unique index does not lead with tenant_id, a foreign key that
 * does not join on tenant_id first (on both sides), a public table without
 * tenant_id that is not a known non-tenant table.
 */
const PROBLEMS = `
  WITH tenant_tables AS (
    SELECT c.oid, c.relname, a.attnum AS tenant_attnum
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
  )
  SELECT t.relname AS table, 'unique index ' || ic.relname || ' does not lead with tenant_id' AS what
    FROM tenant_tables t
    JOIN pg_index i ON i.indrelid = t.oid AND i.indisunique
    JOIN pg_class ic ON ic.oid = i.indexrelid
   WHERE i.indkey[0] <> t.tenant_attnum
  UNION ALL
  SELECT t.relname, 'foreign key ' || con.conname || ' does not join on tenant_id first'
    FROM tenant_tables t
    JOIN pg_constraint con ON con.conrelid = t.oid AND con.contype = 'f'
    LEFT JOIN tenant_tables r ON r.oid = con.confrelid
   WHERE con.conkey[1] <> t.tenant_attnum OR r.oid IS NULL OR con.confkey[1] <> r.tenant_attnum
  UNION ALL
  SELECT t.relname, 'exclusion constraint ' || con.conname || ' is not supported on a distributed table'
    FROM tenant_tables t
    JOIN pg_constraint con ON con.conrelid = t.oid AND con.contype = 'x'
  UNION ALL
  SELECT c.relname, 'has no tenant_id column'
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.oid NOT IN (SELECT oid FROM tenant_tables)
   ORDER BY 1, 2`;

describe('every tenant table stays distributable by tenant_id (Citus)', () => {
  let db: TestDatabase;
  let owner: Client;

  before(async () => {
    db = await createTestDatabase();
    const platform = await startPlatform({ DATABASE_URL: db.url, JOB_WORKERS: 'false' }); // migrates at boot
    await platform.close();
    owner = new Client({ connectionString: db.url });
    await owner.connect();
  });
  after(async () => {
    await owner?.end();
    await db?.drop();
  });

  async function problems(): Promise<Problem[]> {
    return (await owner.query<Problem>(PROBLEMS)).rows
      .filter((p) => !(p.what === 'has no tenant_id column' && Object.hasOwn(NOT_TENANT_TABLES, p.table)))
      .filter((p) => !Object.hasOwn(EXCEPTIONS, p.table));
  }

  test('tenant_id leads every primary key, unique constraint and unique index, and every foreign key joins on it', async () => {
    assert.deepEqual(await problems(), []);
    const tables = (
      await owner.query<{ n: number }>(`SELECT count(DISTINCT attrelid)::int AS n FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind = 'r' AND a.attname = 'tenant_id'`)
    ).rows[0].n;
    assert.ok(tables >= 14, `the tenant tables were checked (${tables})`);
  });

  test('the check sees a violation of each kind', async () => {
    await owner.query('BEGIN');
    try {
      await owner.query(
        `CREATE TABLE bad_parent (tenant_id text NOT NULL, id uuid NOT NULL, code text NOT NULL, PRIMARY KEY (id, tenant_id), UNIQUE (code, tenant_id))`,
      );
      await owner.query(`CREATE UNIQUE INDEX bad_parent_lower ON bad_parent (lower(code))`);
      await owner.query(`CREATE TABLE bad_child (tenant_id text NOT NULL, parent uuid NOT NULL, PRIMARY KEY (tenant_id, parent),
        FOREIGN KEY (parent, tenant_id) REFERENCES bad_parent (id, tenant_id))`);
      await owner.query(`CREATE TABLE shared_lookup (code text PRIMARY KEY)`);
      const found = (await problems()).map((p) => `${p.table}: ${p.what}`);
      assert.deepEqual(found, [
        'bad_child: foreign key bad_child_parent_tenant_id_fkey does not join on tenant_id first',
        'bad_parent: unique index bad_parent_code_tenant_id_key does not lead with tenant_id',
        'bad_parent: unique index bad_parent_lower does not lead with tenant_id',
        'bad_parent: unique index bad_parent_pkey does not lead with tenant_id',
        'shared_lookup: has no tenant_id column',
      ]);
    } finally {
      await owner.query('ROLLBACK');
    }
  });
});
