import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AccountsService } from '@app/accounts';
import { S3Storage, StorageUnavailableError } from '@app/media';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { RunningS3, startS3 } from '../support/s3';
import { ApiErrorJson, ReadyJson, ReportJson } from '../support/api';

const JAKARTA = 'jakarta.localhost';
const LAMPUNG = 'lampung.localhost';
const PLACES = {
  [JAKARTA]: { latitude: '-6.2440', longitude: '106.8000' },
  [LAMPUNG]: { latitude: '-5.43', longitude: '105.26' },
};

describe('uploaded files on an S3-compatible store (s3rver), read back only through the platform', () => {
  let s3: RunningS3;
  let db: TestDatabase;
  let platform: RunningPlatform;
  const dataDir = mkdtempSync(join(tmpdir(), 'replika-media-'));

  before(async () => {
    s3 = await startS3();
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, DATA_DIR: dataDir, JOB_WORKERS: 'false', ...s3.env });
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
    await s3?.close();
  });

  async function submit(
    host: keyof typeof PLACES,
    photo: Buffer,
    fields: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) {
    const { body, contentType } = multipartBody(
      { category: 'jalan-rusak', ...PLACES[host], description: 'Jalan berlubang di depan sekolah, uji penyimpanan S3.', ...fields },
      [{ field: 'photos', filename: 'foto.jpg', type: 'image/jpeg', data: photo }],
    );
    return request(platform.url, '/api/reports', { host, method: 'POST', body, headers: { 'content-type': contentType, ...headers } });
  }
  const reportCount = () =>
    asOwner(db.url, async (c) => Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM reports')).rows[0].n));
  const get = (host: string, path: string, headers: Record<string, string> = {}) => request(platform.url, path, { host, headers });

  test("a photo sent on each tenant lands under that tenant's prefix in the bucket and comes back through the platform", async () => {
    const sent: { host: string; url: string }[] = [];
    for (const host of [JAKARTA, LAMPUNG] as const) {
      const res = await submit(host, await testPhoto(host === JAKARTA ? 11 : 12), { privacy: 'public' });
      assert.equal(res.status, 201, res.body);
      assert.doesNotMatch(res.body, new RegExp(s3.url.replace(/[.:/]/g, '\\$&')), 'no bucket URL is handed out');
      sent.push({ host, url: res.json<ReportJson>().photos[0].url });
    }
    const keys = await s3.keys();
    const jakarta = keys.filter((k) => k.startsWith('jakarta/reports/'));
    const lampung = keys.filter((k) => k.startsWith('lampung/reports/'));
    assert.equal(jakarta.length, 1, keys.join(', '));
    assert.equal(lampung.length, 1, keys.join(', '));
    assert.ok(
      keys.every((k) => /^(jakarta|lampung)\//.test(k)),
      `every key carries its tenant: ${keys.join(', ')}`,
    );

    for (const [{ host, url }, key] of [
      [sent[0], jakarta[0]],
      [sent[1], lampung[0]],
    ] as const) {
      const photo = await get(host, url);
      assert.equal(photo.status, 200);
      assert.equal(photo.headers['content-type'], 'image/jpeg');
      const stored = await s3.object(key);
      assert.equal(Number(photo.headers['content-length']), stored.length);
      // One tenant's photo is not found through the other's host.
      assert.equal((await get(host === JAKARTA ? LAMPUNG : JAKARTA, url)).status, 404);
    }
    // Nothing went to the local disk.
    assert.ok(!existsSync(join(dataDir, 'uploads')) || readdirSync(join(dataDir, 'uploads')).length === 0);
  });

  test("a private report's photo: its reporter sees it, nobody else does (anonymous, wrong token, another citizen, the other tenant)", async () => {
    const res = await submit(JAKARTA, await testPhoto(21));
    assert.equal(res.status, 201, res.body);
    const { photos, trackingToken, privacy } = res.json<ReportJson>();
    assert.equal(privacy, 'private');
    const url = photos[0].url;
    assert.equal((await get(JAKARTA, `${url}?token=${trackingToken}`)).status, 200);
    assert.equal((await get(JAKARTA, url)).status, 404);
    assert.equal((await get(JAKARTA, `${url}?token=${'x'.repeat(24)}`)).status, 404);
    assert.equal((await get(LAMPUNG, `${url}?token=${trackingToken}`)).status, 404);
    const app = platform.app;
    const session = await app.get(TenantContext).run(app.get(TenantRegistry).getOrThrow('jakarta'), async () => {
      const accounts = app.get(AccountsService);
      const citizen = await accounts.registerCitizen(
        { email: 'tetangga@jakarta.test', password: 'kata-sandi-panjang-1', displayName: 'Tetangga' },
        '127.0.0.1',
      );
      return (await accounts.startSession(citizen)).token;
    });
    assert.equal((await get(JAKARTA, url, { cookie: `sid=${session}` })).status, 404, 'another citizen');
    // The object is in the bucket, under the tenant, all the same.
    assert.ok((await s3.keys()).filter((k) => k.startsWith('jakarta/reports/')).length >= 2);
  });

  test('the store away: 503 with Retry-After (never 500), readiness down, nothing half-saved; back up: every acknowledged report and photo is there, a retry is stored once', async () => {
    const before = await submit(JAKARTA, await testPhoto(31), { privacy: 'public' });
    assert.equal(before.status, 201);
    const acknowledgedUrl = before.json<ReportJson>().photos[0].url;
    const acknowledged = await get(JAKARTA, acknowledgedUrl);
    const count = await reportCount();
    const keysBefore = await s3.keys();

    await s3.stop();
    try {
      const key = { 'idempotency-key': 's3-down-retry-0001' };
      const refused = await submit(LAMPUNG, await testPhoto(32), { privacy: 'public' }, key);
      assert.equal(refused.status, 503, refused.body);
      assert.equal(refused.headers['retry-after'], '5');
      assert.match(refused.json<ApiErrorJson>().message, /coba lagi|try again/i);
      assert.doesNotMatch(refused.body, /ECONNREFUSED|127\.0\.0\.1|s3/i, 'no internals in the answer');
      assert.equal(await reportCount(), count, 'no report row without its photo');

      const page = await get(JAKARTA, acknowledgedUrl, { accept: 'text/html' });
      assert.equal(page.status, 503, 'a stored photo is not reported missing while the store is away');
      assert.equal(page.headers['retry-after'], '5');

      const ready = await get('any.example', '/readyz');
      assert.equal(ready.status, 503);
      assert.deepEqual(ready.json<ReadyJson>().checks, { database: 'up', storage: 'down' });
    } finally {
      await s3.start();
    }

    assert.deepEqual((await get('any.example', '/readyz')).json(), { status: 'ok', checks: { database: 'up', storage: 'up' } });
    const again = await get(JAKARTA, acknowledgedUrl);
    assert.equal(again.status, 200);
    assert.equal(again.body, acknowledged.body);
    const retried = await submit(LAMPUNG, await testPhoto(32), { privacy: 'public' }, { 'idempotency-key': 's3-down-retry-0001' });
    assert.equal(retried.status, 201, retried.body);
    const replayed = await submit(LAMPUNG, await testPhoto(32), { privacy: 'public' }, { 'idempotency-key': 's3-down-retry-0001' });
    assert.equal(replayed.status, 200);
    assert.equal(replayed.json<ReportJson>().ticket, retried.json<ReportJson>().ticket);
    assert.equal(await reportCount(), count + 1);
    assert.equal((await get(LAMPUNG, retried.json<ReportJson>().photos[0].url)).status, 200);
    assert.ok(keysBefore.every((k) => k.startsWith('jakarta/') || k.startsWith('lampung/')));
  });

  test("listing a tenant's prefix walks every page of ListObjectsV2, and nothing of a tenant whose name only starts alike; delete removes one key", async () => {
    // Its own bucket: the platform's uploads above do not count here.
    const store = await startS3('replika-list', { ownProcess: true });
    const storage = new S3Storage({
      bucket: store.bucket,
      region: 'us-east-1',
      endpoint: store.url,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      listPageSize: 2,
    });
    try {
      const banten = [
        'banten/reports/r1/a.jpg',
        'banten/reports/r1/b.jpg',
        'banten/r0/old.jpg',
        'banten/pending/-x1.photo',
        'banten/news/n1/cover.webp',
        'banten/branding/logo-1.png',
        'banten/branding/logo-2.png',
      ];
      for (const key of [...banten, 'banten-barat/reports/r2/p.jpg', 'bali/reports/r3/p.jpg']) await storage.put(key, Buffer.from(key));
      const list = async (prefix: string) => {
        const keys: string[] = [];
        for await (const key of storage.list(prefix)) keys.push(key);
        return keys.sort();
      };
      assert.deepEqual(await list('banten'), [...banten].sort(), 'seven keys over four pages of two');
      assert.deepEqual(await list('banten/branding'), ['banten/branding/logo-1.png', 'banten/branding/logo-2.png']);
      assert.deepEqual(await list('jambi'), []);
      await assert.rejects(() => list('banten/..'), /not a storage prefix/);

      // Delete removes the object and only it; a key that is not there (any more) is fine.
      await storage.delete('banten/branding/logo-1.png');
      await storage.delete('banten/branding/logo-1.png');
      await storage.delete('banten/reports/none/x.jpg');
      assert.equal(await storage.get('banten/branding/logo-1.png'), null);
      assert.deepEqual(await list('banten/branding'), ['banten/branding/logo-2.png']);
      assert.deepEqual(await store.object('banten-barat/reports/r2/p.jpg'), Buffer.from('banten-barat/reports/r2/p.jpg'));
      await assert.rejects(() => storage.delete('banten/../bali/reports/r3/p.jpg'), /not a storage key/);

      await store.stop();
      await assert.rejects(() => list('banten'), StorageUnavailableError, 'a store that is away is not an empty tenant');
      await assert.rejects(
        () => storage.delete('banten/branding/logo-2.png'),
        StorageUnavailableError,
        'a delete that did not happen says so',
      );
    } finally {
      storage.destroy();
      await store.close();
    }
  });
});
