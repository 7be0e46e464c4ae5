import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { AccountsService, Role } from '@app/accounts';
import { Tenant, TenantContext, TenantRegistry } from '@app/tenancy';
import { createPlatform } from '../../platform/src/platform';

/**
 * `npm run seed`: demo accounts for every tenant (a citizen, an officer of the
 * agency that receives the tenant's first routing rule, a validator, an
 * admin), with random passwords printed once. Idempotent: existing emails are
 * skipped. Runs on the embedded database (stop `npm start` first: PGlite has
 * one session) or on DATABASE_URL.
 */
interface Row {
  host: string;
  role: Role;
  email: string;
  password: string;
  agency: string;
}

async function main(): Promise<void> {
  const { app } = await createPlatform({ ...process.env, JOB_WORKERS: 'false' }, { logger: false }); // a command works no jobs
  await app.init();
  try {
    const registry = app.get(TenantRegistry);
    const context = app.get(TenantContext);
    const accounts = app.get(AccountsService);
    const rows: Row[] = [];
    for (const tenant of registry.list()) {
      rows.push(...await context.run(tenant, () => seedTenant(tenant, accounts)));
    }
    printTable(rows);
  } finally {
    await app.close();
  }
}

async function seedTenant(tenant: Tenant, accounts: AccountsService): Promise<Row[]> {
  const domain = `${tenant.slug}.localhost`;
  const host = tenant.config.hosts.local?.[0] ?? tenant.config.hosts.primary;
  const firstRule = Object.values(tenant.config.routing.rules)[0];
  const agency = firstRule?.agency;
  const demo: { role: Role; local: string; name: string; agencyCode?: string }[] = [
    { role: 'citizen', local: 'warga', name: 'Warga Demo' },
    ...(agency ? [{ role: 'officer' as const, local: 'petugas', name: 'Petugas Demo', agencyCode: agency }] : []),
    { role: 'validator', local: 'validator', name: 'Validator Demo' },
    { role: 'admin', local: 'admin', name: 'Admin Demo' },
  ];
  const rows: Row[] = [];
  for (const { role, local, name, agencyCode } of demo) {
    const email = `${local}@${domain}`;
    if (await accounts.findByEmail(email)) {
      rows.push({ host, role, email, password: '(exists, unchanged)', agency: agencyCode ?? '' });
      continue;
    }
    const password = randomBytes(12).toString('base64url'); // 16 characters
    if (role === 'citizen') {
      await accounts.registerCitizen({ email, password, displayName: name }, 'seed');
    } else {
      await accounts.createStaff({ role, email, password, displayName: name, agencyCode });
    }
    rows.push({ host, role, email, password, agency: agencyCode ?? '' });
  }
  return rows;
}

function printTable(rows: Row[]): void {
  const head: Row = { host: 'host', role: 'role' as Role, email: 'email', password: 'password', agency: 'agency' };
  const cols = Object.keys(head) as (keyof Row)[];
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(...[head, ...rows].map((r) => r[c].length))]));
  const line = (r: Row) => cols.map((c) => r[c].padEnd(width[c])).join('  ').trimEnd();
  console.log(line(head));
  console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
  for (const r of rows) console.log(line(r));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
