import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { AccountsService } from '@app/accounts';
import { Open311KeyService } from '@app/open311';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ROOT, tenantCli } from './cli-runner';
import { ReportJson } from '../support/api';

const PASSWORD = 'sandi-panjang-sekali-1';
const PLACES = {
  jakarta: { host: 'jakarta.localhost', category: 'jalan-rusak', latitude: '-6.2440', longitude: '106.8000' },
  lampung: { host: 'lampung.localhost', category: 'jalan-rusak', latitude: '-5.43', longitude: '105.26' },
} as const;
type Slug = keyof typeof PLACES;
const SLUGS = Object.keys(PLACES) as Slug[];
const other = (slug: Slug): Slug => (slug === 'jakarta' ? 'lampung' : 'jakarta');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every row of a tenant, table by table, as text: compared before and after to prove a command left it alone. */
async function snapshot(url: string, slug: string): Promise<Record<string, string[]>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (await c.query<{ table_name: string }>(`SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1`)).rows;
    const out: Record<string, string[]> = {};
    for (const { table_name } of tables) {
      if (table_name === 'rate_limit_windows') continue;
      out[table_name] = (await c.query(`SELECT row_to_json(t)::text AS r FROM ${table_name} t WHERE tenant_id = $1`, [slug])).rows.map((r: { r: string }) => r.r).sort();
    }
    return out;
  } finally {
    await c.end();
  }
}

async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

function filesOf(dataDir: string, slug: string): string[] {
  const dir = join(dataDir, 'uploads', slug);
  return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort() : [];
}

describe('tenant lifecycle commands (suspend, resume, export-data, import-data, purge-personal)', () => {
  let db: TestDatabase;
  let dataDir: string;
  let platform: RunningPlatform;
  let second: RunningPlatform;
  const tickets: Record<string, string[]> = {};
  const apiKeys: Record<string, string> = {};
  const scratch = mkdtempSync(join(tmpdir(), 'replika-lifecycle-'));

  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => tenantCli(args, { DATABASE_URL: db.url, DATA_DIR: dataDir, ...env });

  async function submit(url: string, slug: Slug, n: number, token?: string) {
    const p = PLACES[slug];
    const { body, contentType } = multipartBody({
      category: p.category, latitude: p.latitude, longitude: p.longitude, address: `Jl. Mawar ${n}, rumah Bu Sari`, privacy: n % 2 ? 'public' : 'private',
      description: `Jalan berlubang ${n}. Hubungi saya di sari${n}@contoh.id atau 0812-3456-78${n}${n}.`, contact: `Sari ${n}, 0813 1111 22${n}${n}`,
    }, [{ field: 'photos', filename: 'foto.jpg', type: 'image/jpeg', data: await testPhoto(500 + n + (slug === 'lampung' ? 50 : 0)) }]);
    return request(url, '/api/reports', { host: p.host, method: 'POST', body, headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  }

  before(async () => {
    db = await createTestDatabase();
    dataDir = join(scratch, 'data');
    platform = await startPlatform({ DATABASE_URL: db.url, DATA_DIR: dataDir, JOB_WORKERS: 'false' });
    second = await startPlatform({ DATABASE_URL: db.url, DATA_DIR: dataDir, JOB_WORKERS: 'false', MIGRATE_ON_BOOT: 'false' });
    for (const slug of SLUGS) {
      const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
      await platform.app.get(TenantContext).run(tenant, () =>
        platform.app.get(AccountsService).registerCitizen({ email: `warga@${slug}.example.id`, password: PASSWORD, displayName: `Warga ${slug}` }, '10.1.1.1'));
      apiKeys[slug] = (await platform.app.get(TenantContext).run(tenant, () => platform.app.get(Open311KeyService).issue('mitra'))).key;
      const session = await request(platform.url, '/api/sessions', {
        host: PLACES[slug].host, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `warga@${slug}.example.id`, password: PASSWORD }),
      });
      assert.equal(session.status, 201, session.body);
      tickets[slug] = [];
      for (const n of [1, 2, 3]) {
        const res = await submit(platform.url, slug, n, n === 1 ? session.json<{ token: string }>().token : undefined);
        assert.equal(res.status, 201, res.body);
        tickets[slug].push(res.json<ReportJson>().ticket);
      }
    }
  });
  after(async () => {
    await second?.close();
    await platform?.close();
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  for (const slug of SLUGS) {
    const p = PLACES[slug];
    const q = PLACES[other(slug)];

    test(`${slug}: suspend takes it out of service on every instance (pages, API, Open311: 503), resume brings it back; ${other(slug)} untouched`, async () => {
      const untouched = await snapshot(db.url, other(slug));
      const suspended = cli(['suspend', slug, '--reason', 'migrasi server']);
      assert.equal(suspended.code, 0, suspended.stderr);
      assert.match(suspended.stdout, new RegExp(`suspended ${slug}`));
      for (const instance of [platform, second]) {
        // Each instance learns it from the database (LISTEN/NOTIFY), not from the CLI.
        let page = await request(instance.url, '/', { host: p.host, headers: { accept: 'text/html' } });
        for (let i = 0; i < 50 && page.status !== 503; i++) {
          await sleep(100);
          page = await request(instance.url, '/', { host: p.host, headers: { accept: 'text/html' } });
        }
        assert.equal(page.status, 503);
        assert.match(page.body, /pemeliharaan/i);
        assert.equal(page.headers['retry-after'], '300');
        const write = await submit(instance.url, slug, 9);
        assert.equal(write.status, 503, 'no report submission');
        const open311 = await request(instance.url, '/open311/v2/requests.json', {
          host: p.host, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `api_key=${encodeURIComponent(apiKeys[slug])}&service_code=${p.category}&lat=${p.latitude}&long=${p.longitude}&description=x`,
        });
        assert.equal(open311.status, 503, 'no Open311 submission');
        assert.equal((await request(instance.url, `/api/reports/${tickets[slug][1]}`, { host: p.host })).status, 503, 'no reads either');
        assert.equal((await request(instance.url, '/', { host: q.host })).status, 200, `${other(slug)} still serves`);
        assert.equal((await request(instance.url, `/api/reports/${tickets[other(slug)][0]}`, { host: q.host })).status, 200);
      }
      assert.equal(cli(['suspend', slug]).code, 1, 'suspending twice is refused');
      const resumed = cli(['resume', slug]);
      assert.equal(resumed.code, 0, resumed.stderr);
      for (const instance of [platform, second]) {
        let page = await request(instance.url, '/', { host: p.host });
        for (let i = 0; i < 50 && page.status !== 200; i++) {
          await sleep(100);
          page = await request(instance.url, '/', { host: p.host });
        }
        assert.equal(page.status, 200, 'served again');
      }
      const audit = await query<{ action: string; actor_label: string; summary: string }>(db.url,
        `SELECT action, actor_label, summary FROM audit_log WHERE tenant_id = $1 AND action LIKE 'tenant.%' ORDER BY at`, [slug]);
      assert.deepEqual(audit.map((a) => a.action), ['tenant.suspend', 'tenant.resume']);
      assert.match(audit[0].actor_label, /^cli:/);
      assert.match(audit[0].summary, /migrasi server/);
      assert.deepEqual(await snapshot(db.url, other(slug)), untouched, `no row of ${other(slug)} changed`);
    });

    test(`${slug}: export-data writes one archive, import-data loads it into an empty deployment (refused once it has data); ${other(slug)} untouched`, async () => {
      const archive = join(scratch, `${slug}.tar.gz`);
      const untouched = await snapshot(db.url, other(slug));
      const exported = cli(['export-data', slug, '--out', archive]);
      assert.equal(exported.code, 0, exported.stderr);
      assert.deepEqual(await snapshot(db.url, other(slug)), untouched, `export touched no row of ${other(slug)}`);
      const source = await snapshot(db.url, slug);

      // A new deployment: its own database, data folder and tenants folder without this tenant's folder.
      const target = await createTestDatabase();
      const targetData = join(scratch, `target-${slug}`);
      const targetTenants = join(scratch, `tenants-${slug}`);
      cpSync(join(ROOT, 'tenants'), targetTenants, { recursive: true });
      rmSync(join(targetTenants, slug), { recursive: true });
      try {
        await (await startPlatform({ DATABASE_URL: target.url, DATA_DIR: targetData, JOB_WORKERS: 'false', TENANTS_DIR: targetTenants })).close(); // migrates
        const env = { DATABASE_URL: target.url, DATA_DIR: targetData, TENANTS_DIR: targetTenants };
        const imported = cli(['import-data', archive], env);
        assert.equal(imported.code, 0, imported.stderr);
        assert.ok(existsSync(join(targetTenants, slug, 'tenant.yaml')), 'the tenant folder came along');
        const copied = await snapshot(target.url, slug);
        // The export itself is in the source's audit log after the copy was taken: compare all but that entry.
        const withoutExportAudit = (rows: string[]) => rows.filter((r) => !/"action":"tenant\.(export|import)"/.test(r));
        for (const table of Object.keys(source)) assert.deepEqual(withoutExportAudit(copied[table]), withoutExportAudit(source[table]), `${table} copied row for row`);
        assert.ok(copied.reports.length >= 3 && copied.accounts.length >= 1 && copied.report_photos.length >= 3);
        assert.deepEqual(filesOf(targetData, slug), filesOf(dataDir, slug), 'the photos came along');
        assert.ok(filesOf(targetData, slug).length >= 3);
        assert.deepEqual(Object.values(await snapshot(target.url, other(slug))).flat(), [], `nothing of ${other(slug)} in the new deployment`);

        // The imported tenant works: the citizen signs in with the same password, a public report and its photo are served.
        const served = await startPlatform({ DATABASE_URL: target.url, DATA_DIR: targetData, JOB_WORKERS: 'false', TENANTS_DIR: targetTenants, MIGRATE_ON_BOOT: 'false' });
        try {
          const session = await request(served.url, '/api/sessions', {
            host: p.host, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `warga@${slug}.example.id`, password: PASSWORD }),
          });
          assert.equal(session.status, 201, session.body);
          const report = await request(served.url, `/api/reports/${tickets[slug][0]}`, { host: p.host });
          assert.equal(report.status, 200, report.body);
          const photo = report.json<ReportJson>().photos[0].url;
          const image = await request(served.url, photo, { host: p.host });
          assert.equal(image.status, 200, 'its photo');
          assert.match(String(image.headers['content-type']), /^image\//);
        } finally {
          await served.close();
        }

        const before = await snapshot(target.url, slug);
        const again = cli(['import-data', archive], env);
        assert.equal(again.code, 1);
        assert.match(again.stderr, /already has (data|files)/);
        assert.deepEqual(await snapshot(target.url, slug), before, 'a refused import writes nothing');
      } finally {
        await target.drop();
      }
    });

    test(`${slug}: purge-personal removes citizens' personal data and keeps anonymous statistics; ${other(slug)} untouched`, async () => {
      const untouched = await snapshot(db.url, other(slug));
      const counts = await query<{ n: number; public: number }>(db.url, `SELECT count(*)::int AS n, count(*) FILTER (WHERE privacy = 'public')::int AS public FROM reports WHERE tenant_id = $1`, [slug]);
      assert.equal(cli(['purge-personal', slug]).code, 2, 'needs --yes');
      const purged = cli(['purge-personal', slug, '--yes']);
      assert.equal(purged.code, 0, purged.stderr);
      const all = JSON.stringify(await snapshot(db.url, slug));
      for (const secret of ['warga@', `Warga ${slug}`, 'contoh.id', '0812-3456', '0813 1111', 'Sari 1']) assert.ok(!all.includes(secret), `${secret} is gone`);
      const reports = await query<{ description: string; reporter_contact: string | null; category_code: string }>(db.url,
        `SELECT description, reporter_contact, category_code FROM reports WHERE tenant_id = $1`, [slug]);
      assert.deepEqual(await query(db.url, `SELECT count(*)::int AS n, count(*) FILTER (WHERE privacy = 'public')::int AS public FROM reports WHERE tenant_id = $1`, [slug]), counts, 'every report kept');
      for (const r of reports) {
        assert.equal(r.reporter_contact, null);
        assert.match(r.description, /^Jalan berlubang \d\. Hubungi saya di \[dihapus\] atau \[dihapus\]\.$/, 'what the problem is stays');
        assert.equal(r.category_code, p.category);
      }
      const signIn = await request(platform.url, '/api/sessions', {
        host: p.host, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `warga@${slug}.example.id`, password: PASSWORD }),
      });
      assert.ok(signIn.status >= 400 && signIn.status < 500, 'the citizen can no longer sign in');
      const audit = await query(db.url, `SELECT changes FROM audit_log WHERE tenant_id = $1 AND action = 'tenant.purge-personal'`, [slug]);
      assert.equal(audit.length, 1);
      assert.deepEqual(await snapshot(db.url, other(slug)), untouched, `no row of ${other(slug)} changed`);
    });
  }

  test('without DATABASE_URL the lifecycle commands refuse with one clear message', () => {
    const res = tenantCli(['suspend', 'jakarta'], { DATABASE_URL: '' });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /DATABASE_URL is not set/);
  });
});
