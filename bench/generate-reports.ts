import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadTenants } from '@app/tenancy';
import { MIGRATIONS } from '../apps/platform/src/app.module';
import { genTenant } from './scratch';

/*
 * Fills a database with synthetic citizen reports for the feed benchmark, fast:
 * as the owner (a superuser, so row-level security does not apply), one
 * INSERT ... SELECT FROM generate_series per chunk. Values come from jakarta's
 * real config: categories (with their dueDays), workflow statuses (with their
 * open/closed state), kota region codes, agencies, ticket prefix.
 *
 *   node dist/bench/generate-reports.js --reports 1000000 --tenants 40 --database <url> [--chunk 100000] [--replace]
 *
 * Tenants: `jakarta` plus gen-01..gen-<tenants-1> (folders that extend jakarta;
 * the bench generates them in its temp TENANTS_DIR). Rows are dealt round-robin,
 * so every tenant gets reports/tenants of them. About 30% are public;
 * created_at is uniform over the last 730 days; ticket numbers are
 * <prefix><YYMMDD><6-digit per-tenant sequence>, unique per tenant. Only the
 * reports table is filled (the feed reads nothing else).
 *
 * The secondary indexes the migration created on reports are dropped before
 * the load and re-created afterwards from their own definitions
 * (pg_get_indexdef), which is several times faster than maintaining them row by
 * row; the primary key and the unique (tenant_id, ticket_no) stay throughout.
 * Ends with VACUUM ANALYZE.
 */

const ROOT = join(__dirname, '..', '..');

export interface GenerateOptions {
  url: string;
  reports: number;
  tenants: number;
  chunk?: number;
  /** Empty the reports table first (otherwise a non-empty one is refused). */
  replace?: boolean;
  log?: (message: string) => void;
}

export interface GenerateResult {
  rows: number;
  tenants: string[];
  publicRows: number;
  jakartaRows: number;
  jakartaPublic: number;
  ms: { migrate: number; insert: number; indexes: number; vacuum: number; total: number };
  tableMb: number;
  indexMb: number;
}

/** Jakarta's value lists, from its effective (merged, validated) config. */
function jakartaValues() {
  const jakarta = loadTenants(join(ROOT, 'tenants')).find((t) => t.slug === 'jakarta');
  if (!jakarta) throw new Error('tenants/jakarta not found');
  const c = jakarta.config;
  const categories = Object.entries(c.categories);
  const statuses = Object.entries(c.workflow.statuses);
  const kota = Object.entries(c.regions)
    .filter(([, r]) => r.kind === 'kota')
    .map(([code]) => code);
  return {
    prefix: c.reports.ticketPrefix,
    categories: categories.map(([code]) => code),
    dueDays: categories.map(([, cat]) => cat.dueDays),
    statuses: statuses.map(([code]) => code),
    states: statuses.map(([, s]) => s.state),
    regions: kota,
    agencies: Object.keys(c.agencies),
  };
}

/** Applies the platform's migrations as the owner (what its boot would do), so a bare database can be filled. */
async function migrate(url: string): Promise<void> {
  const owner = new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    poolSize: 1,
    migrations: MIGRATIONS,
  });
  await owner.initialize();
  try {
    await owner.runMigrations({ transaction: 'each' });
  } finally {
    await owner.destroy();
  }
}

export async function generateReports(o: GenerateOptions): Promise<GenerateResult> {
  const log = o.log ?? (() => undefined);
  const chunk = Math.max(1, o.chunk ?? 100_000);
  const tenantIds = ['jakarta', ...Array.from({ length: Math.max(0, o.tenants - 1) }, (_, i) => genTenant(i + 1))];
  const v = jakartaValues();
  const t0 = performance.now();
  await migrate(o.url);
  const tMigrated = performance.now();

  const c = new Client({ connectionString: o.url });
  await c.connect();
  try {
    await c.query(`SET synchronous_commit = off`);
    await c.query(`SET maintenance_work_mem = '256MB'`);
    const [{ n }] = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM reports`)).rows;
    if (n > 0) {
      if (!o.replace) throw new Error(`reports already holds ${n} rows; pass --replace to empty it first`);
      await c.query(`TRUNCATE reports CASCADE`);
    }
    const secondary = (
      await c.query<{ indexname: string; indexdef: string }>(`
      SELECT i.relname AS indexname, pg_get_indexdef(i.oid) AS indexdef
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
       WHERE x.indrelid = 'reports'::regclass
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)`)
    ).rows;
    for (const ix of secondary) await c.query(`DROP INDEX ${ix.indexname}`);
    await c.query(`SELECT setseed(0.4242)`);

    const insert = `
      INSERT INTO reports (tenant_id, ticket_no, category_code, region_code, latitude, longitude, address, description,
                           privacy, status, state, agency_code, tracking_token_hash, details, created_at, updated_at, due_at)
      SELECT tenant,
             $3::text || to_char(created_at AT TIME ZONE 'Asia/Jakarta', 'YYMMDD') || lpad(seq::text, 6, '0'),
             ($4::text[])[c], ($8::text[])[r],
             -6.37 + random() * 0.29, 106.68 + random() * 0.29,
             'Jl. Contoh No. ' || (g % 200 + 1),
             'Laporan warga ' || g || ': kerusakan di lingkungan sekitar, mohon segera ditindaklanjuti.',
             CASE WHEN random() < 0.3 THEN 'public' ELSE 'private' END,
             ($6::text[])[s], ($7::text[])[s], ($9::text[])[a],
             md5(g::text), '{}'::jsonb,
             created_at, created_at, created_at + make_interval(days => ($5::int[])[c])
        FROM (SELECT g,
                     ($10::text[])[1 + g % $11] AS tenant,
                     g / $11 + 1 AS seq,
                     now() - random() * interval '730 days' AS created_at,
                     1 + floor(random() * $12)::int AS c,
                     1 + floor(random() * $13)::int AS s,
                     1 + floor(random() * $14)::int AS r,
                     1 + floor(random() * $15)::int AS a
                FROM generate_series($1::bigint, $2::bigint) g) t`;
    for (let start = 0; start < o.reports; start += chunk) {
      const end = Math.min(o.reports, start + chunk) - 1;
      const tc = performance.now();
      await c.query(insert, [
        start,
        end,
        v.prefix,
        v.categories,
        v.dueDays,
        v.statuses,
        v.states,
        v.regions,
        v.agencies,
        tenantIds,
        tenantIds.length,
        v.categories.length,
        v.statuses.length,
        v.regions.length,
        v.agencies.length,
      ]);
      log(
        `  inserted ${(end + 1).toLocaleString('en-US')} / ${o.reports.toLocaleString('en-US')} (${Math.round(performance.now() - tc)} ms)`,
      );
    }
    const tInserted = performance.now();
    for (const ix of secondary) await c.query(ix.indexdef);
    const tIndexed = performance.now();
    log(
      `  re-created ${secondary.length} indexes (${secondary.map((i) => i.indexname).join(', ')}) in ${Math.round(tIndexed - tInserted)} ms`,
    );
    await c.query(`VACUUM ANALYZE`);
    const tVacuumed = performance.now();
    const [stats] = (
      await c.query<{ rows: number; public: number; jakarta: number; jakarta_public: number; table_bytes: string; index_bytes: string }>(`
      SELECT count(*)::int AS rows, count(*) FILTER (WHERE privacy = 'public')::int AS public,
             count(*) FILTER (WHERE tenant_id = 'jakarta')::int AS jakarta,
             count(*) FILTER (WHERE tenant_id = 'jakarta' AND privacy = 'public')::int AS jakarta_public,
             pg_table_size('reports') AS table_bytes, pg_indexes_size('reports') AS index_bytes
        FROM reports`)
    ).rows;
    return {
      rows: stats.rows,
      tenants: tenantIds,
      publicRows: stats.public,
      jakartaRows: stats.jakarta,
      jakartaPublic: stats.jakarta_public,
      ms: {
        migrate: tMigrated - t0,
        insert: tInserted - tMigrated,
        indexes: tIndexed - tInserted,
        vacuum: tVacuumed - tIndexed,
        total: tVacuumed - t0,
      },
      tableMb: Number(stats.table_bytes) / 1048576,
      indexMb: Number(stats.index_bytes) / 1048576,
    };
  } finally {
    await c.end();
  }
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const url = arg(argv, 'database') ?? process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('usage: generate-reports --reports 1000000 --tenants 40 --database <url> [--chunk 100000] [--replace]\n');
    process.exit(2);
  }
  generateReports({
    url,
    reports: Number(arg(argv, 'reports') ?? 1_000_000),
    tenants: Number(arg(argv, 'tenants') ?? 40),
    chunk: Number(arg(argv, 'chunk') ?? 100_000),
    replace: argv.includes('--replace'),
    log: (m) => process.stderr.write(`${m}\n`),
  })
    .then((r) => {
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
