import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { HealthService } from '@app/observability';
import { parseSubmission, ReportsService } from '@app/reports';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';

const TOKEN = 'metrics-token-for-the-tests-0123456789';

describe('request logs, metrics and health on the real PostgreSQL server', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let logs = '';
  /** A request log line, as far as these tests read it. */
  interface LogLine {
    msg?: string;
    reqId?: string;
    level: number;
    tenant?: string;
    req?: object;
    res?: { status: number };
    ms?: number;
  }
  const lines = () =>
    logs
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);

  before(async () => {
    db = await createTestDatabase();
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    platform = await startPlatform(
      { DATABASE_URL: db.url, METRICS_TOKEN: TOKEN, TRUST_PROXY: 'true', JOB_WORKERS: 'false' },
      { logStream: stream },
    );
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  test('/healthz and /readyz answer for any Host, tenant or not, and name no tenant', async () => {
    for (const host of ['jakarta.localhost', 'lampung.localhost', 'unknown.example.org']) {
      const live = await request(platform.url, '/healthz', { host });
      assert.equal(live.status, 200, host);
      assert.deepEqual(live.json(), { status: 'ok' });
      const ready = await request(platform.url, '/readyz', { host, headers: { accept: 'text/html' } });
      assert.equal(ready.status, 200, host);
      assert.deepEqual(ready.json(), { status: 'ok', checks: { database: 'up', storage: 'up' } });
      assert.equal(ready.headers['cache-control'], 'no-store');
      assert.doesNotMatch(live.body + ready.body, /jakarta|lampung|JAKI/i);
    }
  });

  test('one JSON log line per request: request id, tenant, route pattern, status, time; no query string, cookie, body or email', async () => {
    const secret = await request(platform.url, '/laporan/lacak?tiket=JAK-20261129-0001&token=rahasia-token-pelapor', {
      host: 'jakarta.localhost',
      headers: { cookie: 'sid=rahasia-cookie-sesi', 'x-request-id': 'req-from-nginx-1' },
    });
    assert.ok(secret.status < 500);
    await request(platform.url, '/masuk', {
      host: 'lampung.localhost',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'req-from-nginx-2' },
      body: 'email=warga%40example.com&password=kata-sandi-rahasia',
    });
    await request(platform.url, '/apa-saja/123', { host: 'unknown.example.org', headers: { 'x-request-id': 'req-from-nginx-3' } });

    const byId = new Map(
      lines()
        .filter((l) => l.msg === 'request')
        .map((l) => [l.reqId, l]),
    );
    const tracked = byId.get('req-from-nginx-1');
    assert.ok(tracked, "the proxy's request id is the log's");
    assert.equal(tracked.level, 30);
    assert.equal(tracked.tenant, 'jakarta');
    assert.deepEqual(tracked.req, { method: 'GET', route: '/laporan/lacak' });
    assert.deepEqual(tracked.res, { status: secret.status });
    assert.equal(typeof tracked.ms, 'number');
    assert.equal(byId.get('req-from-nginx-2')?.tenant, 'lampung');
    assert.deepEqual(byId.get('req-from-nginx-2')?.req, { method: 'POST', route: '/masuk' });
    assert.equal(byId.get('req-from-nginx-3')?.tenant, 'none');
    assert.equal(byId.get('req-from-nginx-3')?.res?.status, 404);
    for (const personal of ['rahasia', 'JAK-20261129', 'warga', 'example.com', 'kata-sandi', '/123']) {
      assert.ok(!logs.includes(personal), `logs must not contain ${personal}`);
    }
    // Nor the client's address (the only other line is Fastify's own "listening at").
    assert.ok(
      lines()
        .filter((l) => l.msg === 'request')
        .every((l) => !JSON.stringify(l).includes('127.0.0.1')),
    );
  });

  test('/metrics wants the token, on any Host; it counts by tenant and route pattern, reports, the queue and the pool', async () => {
    for (const host of ['jakarta.localhost', 'unknown.example.org']) {
      assert.equal((await request(platform.url, '/metrics', { host })).status, 401);
      assert.equal((await request(platform.url, '/metrics', { host, headers: { authorization: `Bearer ${TOKEN}x` } })).status, 401);
    }
    const app = platform.app;
    await app.get(TenantContext).run(app.get(TenantRegistry).getOrThrow('jakarta'), async () =>
      app.get(ReportsService).submit(
        parseSubmission({
          category: 'jalan-rusak',
          latitude: '-6.2440',
          longitude: '106.8000',
          description: 'Jalan berlubang di depan pasar.',
          privacy: 'public',
        }),
        { reporterAccountId: null, photos: [{ data: await testPhoto(71) }], photoRequired: true, channel: 'portal' },
      ),
    );
    await request(platform.url, '/laporan/lacak?tiket=JAK-20261129-0002&token=lain', { host: 'jakarta.localhost' });

    const metrics = await request(platform.url, '/metrics', { host: 'anything.example', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers['content-type'] as string, /^text\/plain/);
    const body = metrics.body;
    assert.match(body, /replika_http_requests_total\{tenant="jakarta",route="\/laporan\/lacak",method="GET",status="\d{3}"\} [1-9]/);
    assert.match(body, /replika_http_requests_total\{tenant="none",route="unmatched",method="GET",status="404"\} [1-9]/);
    assert.match(body, /replika_http_request_duration_seconds_bucket\{le="0.1",tenant="jakarta",route="\/laporan\/lacak",method="GET"\}/);
    assert.match(body, /replika_reports_submitted_total\{tenant="jakarta"\} 1/);
    assert.match(body, /replika_db_pool_connections\{state="total"\} [1-9]/);
    assert.match(body, /replika_job_queue_depth\{queue="reports-escalation"\} 0/);
    assert.match(body, /# TYPE replika_sla_breaches_total counter/);
    assert.doesNotMatch(body, /JAK-2026|rahasia|token=|\/metrics|\/healthz/);
  });

  test('readiness goes down as soon as a shutdown begins; liveness stays', async () => {
    platform.app.get(HealthService).markShuttingDown();
    const ready = await request(platform.url, '/readyz', { host: 'jakarta.localhost' });
    assert.equal(ready.status, 503);
    assert.equal(ready.json<{ status: string }>().status, 'unavailable');
    assert.equal((await request(platform.url, '/healthz', { host: 'jakarta.localhost' })).status, 200);
  });
});
