import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

// The same server and owner connection as the tests use.
import { asOwner, SERVER_URL } from '../test/support/database';
import { SHIPPED_TENANTS, writeGeneratedTenant } from './tenants';

export { asOwner, SERVER_URL };

const scratch = new Set<string>();

/** Runs `fn` connected to `url` as the application role (trust authentication, as on these machines). */
export async function asAppRole<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const u = new URL(url);
  u.username = 'replika_app';
  u.password = '';
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The URL of database `name` on the same server as `base`. */
export function databaseUrl(name: string, base = SERVER_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, empty scratch database `replika_bench_<random>_<suffix>`; dropped by dropScratchDatabases(). */
export async function createScratchDatabase(suffix: string): Promise<{ name: string; url: string }> {
  const name = `replika_bench_${randomBytes(4).toString('hex')}_${suffix}`;
  scratch.add(name);
  await asOwner(SERVER_URL, (c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: databaseUrl(name) };
}

/** Drops every scratch database this process created (FORCE: children may still hold connections). */
export async function dropScratchDatabases(): Promise<string[]> {
  const dropped: string[] = [];
  if (scratch.size === 0) return dropped;
  await asOwner(SERVER_URL, async (c) => {
    for (const name of [...scratch]) {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      scratch.delete(name);
      dropped.push(name);
    }
  });
  return dropped;
}

export const genTenant = (i: number) => `gen-${String(i).padStart(2, '0')}`;

/**
 * The reports section's tenants folder: the real national base (with
 * reports.submissionsPerHour raised to `submissionsPerHour`), jakarta and lampung, plus
 * `generated` tenants gen-01.. that extend jakarta.
 */
export function reportTenants(sourceDir: string, dir: string, generated: number, submissionsPerHour = 10_000): string {
  mkdirSync(dir, { recursive: true });
  for (const slug of SHIPPED_TENANTS) cpSync(join(sourceDir, slug), join(dir, slug), { recursive: true });
  const reportsYaml = join(dir, 'indonesia', 'reports.yaml');
  const text = readFileSync(reportsYaml, 'utf8');
  const raised = text.replace(/^(\s*submissionsPerHour:\s*)\d+/m, `$1${submissionsPerHour}`);
  if (raised === text) throw new Error(`could not raise submissionsPerHour in ${reportsYaml}`);
  writeFileSync(reportsYaml, raised);
  for (let i = 1; i <= generated; i++) writeGeneratedTenant(dir, genTenant(i), `${genTenant(i)}.example.test`, i);
  return dir;
}

/** The tenant tables of the reports library: RLS-off turns row-level security off on these after boot. */
export const REPORT_TABLES = ['reports', 'report_events', 'report_photos', 'report_counters', 'report_supports'];

/** As the owner: row-level security off (NO FORCE + DISABLE) on the report tables, or back on (ENABLE + FORCE). */
export async function setReportsRls(url: string, on: boolean): Promise<void> {
  await asOwner(url, async (c) => {
    for (const t of REPORT_TABLES) {
      await c.query(on ? `ALTER TABLE IF EXISTS ${t} ENABLE ROW LEVEL SECURITY` : `ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY`);
      await c.query(on ? `ALTER TABLE IF EXISTS ${t} FORCE ROW LEVEL SECURITY` : `ALTER TABLE ${t} DISABLE ROW LEVEL SECURITY`);
    }
  });
}

/** Whether each report table has row-level security enabled and forced, as the catalogue says. */
export async function reportsRlsState(url: string): Promise<Record<string, string>> {
  return asOwner(url, async (c) => {
    const { rows } = await c.query(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1) AND relkind = 'r'`,
      [REPORT_TABLES],
    );
    return Object.fromEntries(
      rows.map((r: { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }) => [
        r.relname,
        `${r.relrowsecurity ? 'enabled' : 'disabled'}${r.relforcerowsecurity ? '+forced' : ''}`,
      ]),
    );
  });
}
