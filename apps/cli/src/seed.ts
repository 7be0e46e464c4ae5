import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { AccountsService, Role } from '@app/accounts';
import { ReportsService } from '@app/reports';
import { Tenant, TenantContext, TenantRegistry } from '@app/tenancy';
import { DemoReports, demoReports } from './demo-reports';
import { createPlatform } from '../../platform/src/platform';

/**
 * `npm run seed`: demo accounts for every tenant (a citizen, an officer, a
 * validator, an admin), with random passwords printed once, and a few demo
 * reports by the citizen. The officer belongs to the agency that the tenant's
 * own routing sends those reports to, so their queue is not empty.
 * Idempotent: existing emails are skipped, demo reports carry idempotency keys. Runs on the embedded database (stop `npm start` first: PGlite has
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
    const reports = app.get(ReportsService);
    const rows: Row[] = [];
    for (const tenant of registry.list()) {
      const demo = demoReports(tenant.config);
      rows.push(...(await context.run(tenant, () => seedTenant(tenant, accounts, demo?.agency))));
      if (demo) await context.run(tenant, () => seedReports(tenant, accounts, reports, demo));
    }
    printTable(rows);
  } finally {
    await app.close();
  }
}

async function seedReports(tenant: Tenant, accounts: AccountsService, reports: ReportsService, demo: DemoReports): Promise<void> {
  const citizen = await accounts.findByEmail(`warga@${tenant.slug}.localhost`);
  const texts = [
    'Kerusakan cukup parah sejak seminggu terakhir dan membahayakan pengendara yang lewat, mohon segera ditangani.',
    'Sudah beberapa hari belum ada penanganan, warga sekitar terganggu. Lokasi dekat persimpangan utama.',
    'Masalah ini muncul lagi setelah hujan deras kemarin sore; mohon petugas memeriksa ke lokasi.',
  ];
  for (const [i, category] of demo.categories.entries()) {
    const min = tenant.config.reports.description.min;
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: ['#8d6e63', '#607d8b', '#9e9d24'][i % 3] } })
      .jpeg()
      .toBuffer();
    await reports.submit(
      {
        category,
        latitude: demo.at.lat + i * 0.002,
        longitude: demo.at.lng + i * 0.002,
        region: demo.region ?? undefined,
        address: 'Data contoh (npm run seed)',
        description: texts[i % texts.length].padEnd(min, '.'),
        privacy: 'public',
      },
      {
        reporterAccountId: citizen?.id ?? null,
        idempotencyKey: `seed-demo-${i + 1}`,
        photos: [{ data: photo }],
        photoRequired: false,
        channel: 'portal',
      },
    );
  }
}

async function seedTenant(tenant: Tenant, accounts: AccountsService, agency: string | undefined): Promise<Row[]> {
  const domain = `${tenant.slug}.localhost`;
  const host = tenant.config.hosts.local?.[0] ?? tenant.config.hosts.primary;
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
  const line = (r: Row) =>
    cols
      .map((c) => r[c].padEnd(width[c]))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
  for (const r of rows) console.log(line(r));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
