import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { AccountsService } from '@app/accounts';
import { S3Storage } from '@app/media';
import { Open311KeyService } from '@app/open311';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { RunningS3, startS3 } from '../support/s3';
import { ROOT, tenantCli, tenantCliAsync } from './cli-runner';
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
    const tables = (
      await c.query<{ table_name: string }>(
        `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1`,
      )
    ).rows;
    const out: Record<string, string[]> = {};
    for (const { table_name } of tables) {
      if (table_name === 'rate_limit_windows') continue;
      out[table_name] = (await c.query(`SELECT row_to_json(t)::text AS r FROM ${table_name} t WHERE tenant_id = $1`, [slug])).rows
        .map((r: { r: string }) => r.r)
        .sort();
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

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A tenant's files on the local disk driver: key under its prefix → content hash. */
function filesOf(dataDir: string, slug: string): Record<string, string> {
  const dir = join(dataDir, 'uploads', slug);
  if (!existsSync(dir)) return {};
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  return Object.fromEntries(
    files
      .map((f): [string, string] => [relative(dir, f).split('\\').join('/'), sha(readFileSync(f))])
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The same for a bucket. */
async function objectsOf(s3: RunningS3, slug: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of (await s3.keys()).filter((k) => k.startsWith(`${slug}/`))) out[key.slice(slug.length + 1)] = sha(await s3.object(key));
  return out;
}

/** Files of every kind the store keeps besides report photos, older key shapes included: an export must carry them all. */
const OTHER_FILES = [
  '3f0c2a9e-1b7d-4c55-9e2a-6d1f0b8a7c41/legacy.jpg',
  'pending/-Kp2_ab9.photo',
  'news/5b9d7e12-aa40-4f0e-8c1b-2e7f6a9d3b10/cover.webp',
  'branding/logo-9f8e7d6c.png',
];

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
    const { body, contentType } = multipartBody(
      {
        category: p.category,
        latitude: p.latitude,
        longitude: p.longitude,
        address: `Jl. Mawar ${n}, rumah Bu Sari`,
        privacy: n % 2 ? 'public' : 'private',
        description: `Jalan berlubang ${n}. Hubungi saya di sari${n}@contoh.id atau 0812-3456-78${n}${n}.`,
        contact: `Sari ${n}, 0813 1111 22${n}${n}`,
      },
      [{ field: 'photos', filename: 'foto.jpg', type: 'image/jpeg', data: await testPhoto(500 + n + (slug === 'lampung' ? 50 : 0)) }],
    );
    return request(url, '/api/reports', {
      host: p.host,
      method: 'POST',
      body,
      headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  }

  before(async () => {
    db = await createTestDatabase();
    dataDir = join(scratch, 'data');
    platform = await startPlatform({ DATABASE_URL: db.url, DATA_DIR: dataDir, JOB_WORKERS: 'false' });
    second = await startPlatform({ DATABASE_URL: db.url, DATA_DIR: dataDir, JOB_WORKERS: 'false', MIGRATE_ON_BOOT: 'false' });
    for (const slug of SLUGS) {
      const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
      await platform.app
        .get(TenantContext)
        .run(tenant, () =>
          platform.app
            .get(AccountsService)
            .registerCitizen({ email: `warga@${slug}.example.id`, password: PASSWORD, displayName: `Warga ${slug}` }, '10.1.1.1'),
        );
      apiKeys[slug] = (await platform.app.get(TenantContext).run(tenant, () => platform.app.get(Open311KeyService).issue('mitra'))).key;
      const session = await request(platform.url, '/api/sessions', {
        host: PLACES[slug].host,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `warga@${slug}.example.id`, password: PASSWORD }),
      });
      assert.equal(session.status, 201, session.body);
      tickets[slug] = [];
      for (const n of [1, 2, 3]) {
        const res = await submit(platform.url, slug, n, n === 1 ? session.json<{ token: string }>().token : undefined);
        assert.equal(res.status, 201, res.body);
        tickets[slug].push(res.json<ReportJson>().ticket);
      }
      for (const path of OTHER_FILES) {
        const file = join(dataDir, 'uploads', slug, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${slug} ${path}`);
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
          host: p.host,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
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
      const audit = await query<{ action: string; actor_label: string; summary: string }>(
        db.url,
        `SELECT action, actor_label, summary FROM audit_log WHERE tenant_id = $1 AND action LIKE 'tenant.%' ORDER BY at`,
        [slug],
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['tenant.suspend', 'tenant.resume'],
      );
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
        await (
          await startPlatform({ DATABASE_URL: target.url, DATA_DIR: targetData, JOB_WORKERS: 'false', TENANTS_DIR: targetTenants })
        ).close(); // migrates
        const env = { DATABASE_URL: target.url, DATA_DIR: targetData, TENANTS_DIR: targetTenants };
        const imported = cli(['import-data', archive], env);
        assert.equal(imported.code, 0, imported.stderr);
        assert.ok(existsSync(join(targetTenants, slug, 'tenant.yaml')), 'the tenant folder came along');
        const copied = await snapshot(target.url, slug);
        // The export itself is in the source's audit log after the copy was taken: compare all but that entry.
        const withoutExportAudit = (rows: string[]) => rows.filter((r) => !/"action":"tenant\.(export|import)"/.test(r));
        for (const table of Object.keys(source))
          assert.deepEqual(withoutExportAudit(copied[table]), withoutExportAudit(source[table]), `${table} copied row for row`);
        assert.ok(copied.reports.length >= 3 && copied.accounts.length >= 1 && copied.report_photos.length >= 3);
        assert.deepEqual(filesOf(targetData, slug), filesOf(dataDir, slug), 'the photos and every other file came along, byte for byte');
        assert.ok(Object.keys(filesOf(targetData, slug)).filter((k) => k.startsWith('reports/')).length >= 3);
        for (const path of OTHER_FILES) assert.ok(path in filesOf(targetData, slug), path);
        assert.deepEqual(filesOf(targetData, other(slug)), {}, `no file of ${other(slug)} in the new deployment`);
        assert.deepEqual(
          Object.values(await snapshot(target.url, other(slug))).flat(),
          [],
          `nothing of ${other(slug)} in the new deployment`,
        );

        // The imported tenant works: the citizen signs in with the same password, a public report and its photo are served.
        const served = await startPlatform({
          DATABASE_URL: target.url,
          DATA_DIR: targetData,
          JOB_WORKERS: 'false',
          TENANTS_DIR: targetTenants,
          MIGRATE_ON_BOOT: 'false',
        });
        try {
          const session = await request(served.url, '/api/sessions', {
            host: p.host,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: `warga@${slug}.example.id`, password: PASSWORD }),
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

    test(`${slug}: with the S3 driver, import-data writes the photos into the bucket and export-data reads them back from it; ${other(slug)}'s objects untouched`, async () => {
      const s3 = await startS3();
      const local = join(scratch, `${slug}-local.tar.gz`);
      const fromS3 = join(scratch, `${slug}-from-s3.tar.gz`);
      const bucketDeployment = await createTestDatabase();
      const localDeployment = await createTestDatabase();
      const tenants = join(scratch, `tenants-s3-${slug}`);
      cpSync(join(ROOT, 'tenants'), tenants, { recursive: true });
      try {
        // The other tenant already lives in the bucket (its own keys, written by the driver itself).
        const otherFiles = filesOf(dataDir, other(slug));
        const writer = new S3Storage({
          bucket: s3.bucket,
          region: 'us-east-1',
          endpoint: s3.url,
          forcePathStyle: true,
          credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY },
        });
        for (const path of Object.keys(otherFiles))
          await writer.put(`${other(slug)}/${path}`, readFileSync(join(dataDir, 'uploads', other(slug), path)));
        writer.destroy();
        const otherBefore = await objectsOf(s3, other(slug));
        assert.deepEqual(otherBefore, otherFiles);

        const exported = await tenantCliAsync(['export-data', slug, '--out', local], { DATABASE_URL: db.url, DATA_DIR: dataDir });
        assert.equal(exported.code, 0, exported.stderr);
        await (
          await startPlatform({
            DATABASE_URL: bucketDeployment.url,
            DATA_DIR: join(scratch, `unused-${slug}`),
            JOB_WORKERS: 'false',
            TENANTS_DIR: tenants,
          })
        ).close(); // migrates
        const bucketEnv = {
          DATABASE_URL: bucketDeployment.url,
          DATA_DIR: join(scratch, `no-uploads-${slug}`),
          TENANTS_DIR: tenants,
          ...s3.env,
        };
        const imported = await tenantCliAsync(['import-data', local], bucketEnv);
        assert.equal(imported.code, 0, imported.stderr);
        assert.match(imported.stdout, new RegExp(`${Object.keys(filesOf(dataDir, slug)).length} files to the S3 bucket`));
        assert.deepEqual(
          await objectsOf(s3, slug),
          filesOf(dataDir, slug),
          "every file is in the bucket under the tenant's prefix, byte for byte",
        );
        assert.ok(!existsSync(join(scratch, `no-uploads-${slug}`, 'uploads')), 'nothing went to the local disk');
        assert.deepEqual(await objectsOf(s3, other(slug)), otherBefore, `${other(slug)}'s objects untouched`);

        // The platform on the bucket serves the imported photo.
        const served = await startPlatform({ ...bucketEnv, JOB_WORKERS: 'false', MIGRATE_ON_BOOT: 'false' });
        try {
          const report = await request(served.url, `/api/reports/${tickets[slug][0]}`, { host: p.host });
          assert.equal(report.status, 200, report.body);
          const image = await request(served.url, report.json<ReportJson>().photos[0].url, { host: p.host });
          assert.equal(image.status, 200, 'its photo, read from the bucket');
          assert.match(String(image.headers['content-type']), /^image\//);
        } finally {
          await served.close();
        }

        // Any key under the tenant's prefix refuses an import, even into a database without its rows.
        await (
          await startPlatform({
            DATABASE_URL: localDeployment.url,
            DATA_DIR: join(scratch, `unused-${slug}`),
            JOB_WORKERS: 'false',
            TENANTS_DIR: tenants,
          })
        ).close(); // migrates
        const refused = await tenantCliAsync(['import-data', local], { ...bucketEnv, DATABASE_URL: localDeployment.url });
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, new RegExp(`${slug} already has files under ${slug}/ in the S3 bucket`));
        assert.deepEqual(Object.values(await snapshot(localDeployment.url, slug)).flat(), [], 'a refused import writes no row');

        // Back out of the bucket: the export reads the tenant's prefix, and only it.
        const reexported = await tenantCliAsync(['export-data', slug, '--out', fromS3], bucketEnv);
        assert.equal(reexported.code, 0, reexported.stderr);
        assert.match(reexported.stdout, new RegExp(`${Object.keys(filesOf(dataDir, slug)).length} files from the S3 bucket`));
        const localData = join(scratch, `from-s3-${slug}`);
        const reimported = await tenantCliAsync(['import-data', fromS3], {
          DATABASE_URL: localDeployment.url,
          DATA_DIR: localData,
          TENANTS_DIR: tenants,
        });
        assert.equal(reimported.code, 0, reimported.stderr);
        assert.deepEqual(filesOf(localData, slug), filesOf(dataDir, slug), 'the round trip through the bucket keeps every file');
        assert.deepEqual(filesOf(localData, other(slug)), {}, `nothing of ${other(slug)} came out of the bucket`);
        assert.deepEqual(await objectsOf(s3, other(slug)), otherBefore, `${other(slug)}'s objects still untouched`);
      } finally {
        await bucketDeployment.drop();
        await localDeployment.drop();
        await s3.close();
      }
    });

    test(`${slug}: purge-personal removes citizens' personal data and keeps anonymous statistics; ${other(slug)} untouched`, async () => {
      const untouched = await snapshot(db.url, other(slug));
      const counts = await query<{ n: number; public: number }>(
        db.url,
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE privacy = 'public')::int AS public FROM reports WHERE tenant_id = $1`,
        [slug],
      );
      assert.equal(cli(['purge-personal', slug]).code, 2, 'needs --yes');
      const purged = cli(['purge-personal', slug, '--yes']);
      assert.equal(purged.code, 0, purged.stderr);
      const all = JSON.stringify(await snapshot(db.url, slug));
      for (const secret of ['warga@', `Warga ${slug}`, 'contoh.id', '0812-3456', '0813 1111', 'Sari 1'])
        assert.ok(!all.includes(secret), `${secret} is gone`);
      const reports = await query<{ description: string; reporter_contact: string | null; category_code: string }>(
        db.url,
        `SELECT description, reporter_contact, category_code FROM reports WHERE tenant_id = $1`,
        [slug],
      );
      assert.deepEqual(
        await query(
          db.url,
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE privacy = 'public')::int AS public FROM reports WHERE tenant_id = $1`,
          [slug],
        ),
        counts,
        'every report kept',
      );
      for (const r of reports) {
        assert.equal(r.reporter_contact, null);
        assert.match(r.description, /^Jalan berlubang \d\. Hubungi saya di \[dihapus\] atau \[dihapus\]\.$/, 'what the problem is stays');
        assert.equal(r.category_code, p.category);
      }
      const signIn = await request(platform.url, '/api/sessions', {
        host: p.host,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `warga@${slug}.example.id`, password: PASSWORD }),
      });
      assert.ok(signIn.status >= 400 && signIn.status < 500, 'the citizen can no longer sign in');
      const audit = await query(db.url, `SELECT changes FROM audit_log WHERE tenant_id = $1 AND action = 'tenant.purge-personal'`, [slug]);
      assert.equal(audit.length, 1);
      assert.deepEqual(await snapshot(db.url, other(slug)), untouched, `no row of ${other(slug)} changed`);
    });
  }

  test('import-data is all or nothing: storage failing part way, the database or the tenant folder at the end, keeps no row, file or folder of the tenant; lampung untouched; run again, it succeeds', async () => {
    // The archives the export tests above wrote.
    const archive = join(scratch, 'jakarta.tar.gz');
    const target = await createTestDatabase();
    const targetData = join(scratch, 'target-all-or-nothing');
    const targetTenants = join(scratch, 'tenants-all-or-nothing');
    cpSync(join(ROOT, 'tenants'), targetTenants, { recursive: true });
    rmSync(join(targetTenants, 'jakarta'), { recursive: true });
    const env = { DATABASE_URL: target.url, DATA_DIR: targetData, TENANTS_DIR: targetTenants };
    const jakartaLeft = async () => ({
      rows: Object.values(await snapshot(target.url, 'jakarta')).flat(),
      files: filesOf(targetData, 'jakarta'),
      folder: existsSync(join(targetTenants, 'jakarta')),
    });
    const nothing = { rows: [], files: {}, folder: false };
    try {
      await (await startPlatform({ ...env, JOB_WORKERS: 'false' })).close(); // migrates
      const lampung = cli(['import-data', join(scratch, 'lampung.tar.gz')], env);
      assert.equal(lampung.code, 0, lampung.stderr);
      const lampungRows = await snapshot(target.url, 'lampung');
      const lampungFiles = filesOf(targetData, 'lampung');
      assert.ok(lampungRows.reports.length >= 3 && Object.keys(lampungFiles).length >= 3);

      // The store fails part way: where news/ should be a folder, a link to a file (files are copied in key order, news/ third).
      const blocker = join(targetData, 'uploads', 'jakarta', 'news');
      mkdirSync(dirname(blocker), { recursive: true });
      writeFileSync(join(scratch, 'not-a-folder'), '');
      symlinkSync(join(scratch, 'not-a-folder'), blocker);
      const storageDown = cli(['import-data', archive], env);
      assert.equal(storageDown.code, 1, storageDown.stdout);
      assert.match(storageDown.stderr, /the import of jakarta failed while copying its files to the local disk: .*jakarta\/news\//);
      assert.match(
        storageDown.stderr,
        /Nothing was kept: no row was saved and the [1-9]\d* files it had already copied were deleted again/,
      );
      assert.deepEqual(await jakartaLeft(), nothing, 'no row, no file, no tenant folder of jakarta');
      assert.deepEqual(await snapshot(target.url, 'lampung'), lampungRows, 'no row of lampung changed');
      assert.deepEqual(filesOf(targetData, 'lampung'), lampungFiles, 'no file of lampung changed');
      rmSync(blocker);

      // Every file written, then the database gives up while the rows go in (audit_log held by someone else): the rows roll back, the files go.
      const holder = new Client({ connectionString: target.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE audit_log IN SHARE MODE');
        const databaseDown = await tenantCliAsync(['import-data', archive], { ...env, PGOPTIONS: '-c lock_timeout=300' });
        assert.equal(databaseDown.code, 1, databaseDown.stdout);
        assert.match(databaseDown.stderr, /the import of jakarta failed while saving its rows and tenant folder: .*lock timeout/);
        const copied = Object.keys(filesOf(dataDir, 'jakarta')).length;
        assert.match(databaseDown.stderr, new RegExp(`Nothing was kept: no row was saved and the ${copied} files it had already copied`));
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      assert.deepEqual(await jakartaLeft(), nothing, 'no row, no file, no tenant folder of jakarta');
      assert.deepEqual(await snapshot(target.url, 'lampung'), lampungRows, 'no row of lampung changed');
      assert.deepEqual(filesOf(targetData, 'lampung'), lampungFiles, 'no file of lampung changed');

      // Every row in, then the tenant folder cannot be written (its path runs through a file): the rows roll back, the files go.
      const folderDown = cli(['import-data', archive], { ...env, TENANTS_DIR: join(scratch, 'not-a-folder', 'tenants') });
      assert.equal(folderDown.code, 1, folderDown.stdout);
      assert.match(folderDown.stderr, /the import of jakarta failed while saving its rows and tenant folder: ENOTDIR/);
      assert.match(folderDown.stderr, /Nothing was kept: no row was saved and the [1-9]\d* files it had already copied were deleted again/);
      assert.deepEqual(await jakartaLeft(), nothing, 'no row, no file, no tenant folder of jakarta');

      // The cause fixed, the same command: the tenant still counts as empty, and everything comes in.
      const again = cli(['import-data', archive], env);
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual(filesOf(targetData, 'jakarta'), filesOf(dataDir, 'jakarta'));
      assert.ok((await snapshot(target.url, 'jakarta')).reports.length >= 3);
      assert.ok(existsSync(join(targetTenants, 'jakarta', 'tenant.yaml')));
      const audit = await query<{ changes: { files: number } }>(
        target.url,
        `SELECT changes FROM audit_log WHERE tenant_id = 'jakarta' AND action = 'tenant.import'`,
      );
      assert.deepEqual(
        audit.map((a) => a.changes.files),
        [Object.keys(filesOf(dataDir, 'jakarta')).length],
        'one audit entry, for the import that was kept',
      );
      assert.deepEqual(await snapshot(target.url, 'lampung'), lampungRows, 'no row of lampung changed');
    } finally {
      await target.drop();
    }
  });

  test('without DATABASE_URL the lifecycle commands refuse with one clear message', () => {
    const res = tenantCli(['suspend', 'jakarta'], { DATABASE_URL: '' });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /DATABASE_URL is not set/);
  });
});
