import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LocalCluster } from '../../apps/cluster/src/local-cluster';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { redisAvailable, RunningRedis, startRedis } from '../support/redis';
import { ReportJson } from '../support/api';

const ROOT = join(__dirname, '..', '..', '..');
const WORKERS = 4;
const PLACES = {
  'jakarta.localhost': { slug: 'jakarta', category: 'jalan-rusak', latitude: '-6.2440', longitude: '106.8000' },
  'lampung.localhost': { slug: 'lampung', category: 'jalan-rusak', latitude: '-5.43', longitude: '105.26' },
} as const;
type Host = keyof typeof PLACES;
const HOSTS = Object.keys(PLACES) as Host[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  host: Host;
  key: string;
  status: number;
  ticket?: string;
  error?: string;
}

/**
 * Issue 11 item 5: `npm run cluster`'s topology (nginx, three instances on one
 * PostgreSQL and one Redis, s3rver) under report submissions from both tenants
 * while instances die and restart.
 */
describe('the local cluster (npm run cluster) under failures', { skip: !redisAvailable() && 'redis-server is not installed' }, () => {
  let db: TestDatabase;
  let redis: RunningRedis;
  let cluster: LocalCluster;
  let dir: string;
  let photos: Buffer[];

  before(async () => {
    db = await createTestDatabase();
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'replika-cluster-'));
    // Every client here comes from one loopback address: raise the per-address submission limit in a copy of the tenants.
    const tenants = join(dir, 'tenants');
    cpSync(join(ROOT, 'tenants'), tenants, { recursive: true });
    const reportsYaml = join(tenants, 'indonesia', 'reports.yaml');
    writeFileSync(reportsYaml, readFileSync(reportsYaml, 'utf8').replace(/submissionsPerHour: \d+/, 'submissionsPerHour: 10000'));
    photos = await Promise.all([1, 2, 3].map((seed) => testPhoto(300 + seed, 'jpeg', 160)));
    cluster = new LocalCluster({
      databaseUrl: db.url,
      redisUrl: redis.url,
      port: 0,
      instances: 3,
      dir,
      env: { TENANTS_DIR: tenants, DATABASE_POOL_SIZE: '4', LOG_LEVEL: 'warn', SHUTDOWN_TIMEOUT_SECONDS: '15' },
    });
    await cluster.start();
  });
  after(async () => {
    await cluster?.stop();
    await redis?.stop();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function submit(host: Host, key: string): Promise<Outcome> {
    const place = PLACES[host];
    // The body follows from the key, so a resend with the same key is the same request.
    const n = [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    const { body, contentType } = multipartBody(
      {
        category: place.category,
        latitude: place.latitude,
        longitude: place.longitude,
        address: `Jl. Uji ${key}`,
        description: `Lubang jalan ${key} di depan pasar.`,
      },
      [{ field: 'photos', filename: 'lubang.jpg', type: 'image/jpeg', data: photos[n % photos.length] }],
    );
    try {
      const res = await request(cluster.url, '/api/reports', {
        host,
        method: 'POST',
        body,
        headers: { 'content-type': contentType, 'idempotency-key': key },
      });
      return {
        host,
        key,
        status: res.status,
        ticket: res.status < 300 ? res.json<ReportJson>().ticket : undefined,
        error: res.status >= 300 ? res.body.slice(0, 200) : undefined,
      };
    } catch (error) {
      return { host, key, status: 0, error: (error as Error).message };
    }
  }

  /** WORKERS clients submitting one after another, alternating tenants, each with a fresh key, until `stop` resolves. */
  async function load(phase: string, stop: Promise<void>): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let running = true;
    void stop.then(() => (running = false));
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        for (let i = 0; running; i++) outcomes.push(await submit(HOSTS[(w + i) % 2], `${phase}-${w}-${i}`));
      }),
    );
    return outcomes;
  }

  /** Rows stored per (tenant, key) for the keys of this phase. */
  async function stored(phase: string): Promise<Map<string, { tenant: string; ticket: string; n: number }>> {
    const rows = await asOwner(
      db.url,
      async (c) =>
        (
          await c.query<{ tenant_id: string; idempotency_key: string; ticket: string; n: number }>(
            `SELECT tenant_id, idempotency_key, min(ticket_no) AS ticket, count(*)::int AS n FROM reports WHERE idempotency_key LIKE $1 GROUP BY 1, 2`,
            [`${phase}-%`],
          )
        ).rows,
    );
    return new Map(rows.map((r) => [`${r.tenant_id}/${r.idempotency_key}`, { tenant: r.tenant_id, ticket: r.ticket, n: r.n }]));
  }

  function assertStoredOnce(outcomes: Outcome[], rows: Map<string, { tenant: string; ticket: string; n: number }>): void {
    for (const [key, row] of rows) assert.equal(row.n, 1, `${key} stored ${row.n} times`);
    for (const o of outcomes.filter((x) => x.status === 201 || x.status === 200)) {
      const row = rows.get(`${PLACES[o.host].slug}/${o.key}`);
      assert.ok(row, `acknowledged ${o.key} (${o.ticket}) is in the database`);
      assert.equal(row.ticket, o.ticket, `${o.key}: the acknowledged ticket is the stored one`);
    }
  }

  test('kill -9 of one instance and a restart of another: every acknowledged report stored exactly once', async () => {
    let done!: () => void;
    const outcomes = load('chaos', new Promise<void>((r) => (done = r)));
    await sleep(3000);
    const [killed, restarted] = cluster.instances;
    await killed.stop('SIGKILL');
    await sleep(2000);
    assert.equal(await restarted.stop('SIGTERM'), 0, 'the restarted instance drained and exited 0');
    await restarted.start(120);
    await sleep(2000);
    done();
    const results = await outcomes;
    await killed.start(120);

    const acknowledged = results.filter((o) => o.status === 201);
    const failed = results.filter((o) => o.status !== 201);
    assert.ok(acknowledged.length >= 20, `submissions went through (${acknowledged.length})`);
    for (const host of HOSTS)
      assert.ok(
        acknowledged.some((o) => o.host === host),
        `${host} was served`,
      );
    // At most the requests in flight on the killed instance (one per client) may fail; keyed ones are resent by nginx.
    assert.ok(failed.length <= WORKERS, `failures beyond the requests in flight: ${JSON.stringify(failed)}`);
    assertStoredOnce(results, await stored('chaos'));

    // A client that saw a failure sends the same submission again: the platform answers the report, once.
    for (const f of failed) {
      const again = await submit(f.host, f.key);
      assert.ok(again.status === 201 || again.status === 200, `resending ${f.key}: ${again.status} ${again.error}`);
      results.push(again);
    }
    assertStoredOnce(results, await stored('chaos'));
    console.log(`chaos: ${results.length} submissions, ${acknowledged.length} acknowledged at once, ${failed.length} failed in flight`);
  });

  test('a graceful rolling restart (SIGTERM, start again, /readyz) fails no submission', async () => {
    let done!: () => void;
    const outcomes = load('rolling', new Promise<void>((r) => (done = r)));
    await sleep(1000);
    for (const instance of cluster.instances) {
      assert.equal(await instance.stop('SIGTERM'), 0, `${instance.name} drained and exited 0`);
      await instance.start(120);
      await sleep(500);
    }
    done();
    const results = await outcomes;
    assert.deepEqual(
      results.filter((o) => o.status !== 201),
      [],
      'no failure during the rolling restart',
    );
    assert.ok(results.length >= 20, `submissions went through (${results.length})`);
    assertStoredOnce(results, await stored('rolling'));
    console.log(`rolling: ${results.length} submissions, all acknowledged`);
  });
});
