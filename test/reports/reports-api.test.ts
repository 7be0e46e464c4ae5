import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ApiErrorJson, FeedJson, ReportJson } from '../support/api';

const JAKARTA = 'jakarta.localhost';
const LAMPUNG = 'lampung.localhost';
/** Jakarta Selatan, near Blok M. */
const JAKSEL = { latitude: '-6.2440', longitude: '106.8000' };

async function submit(
  platform: RunningPlatform,
  host: string,
  fields: Record<string, string>,
  photos: Buffer[] = [],
  headers: Record<string, string> = {},
) {
  const { body, contentType } = multipartBody(
    fields,
    photos.map((data, i) => ({ field: 'photos', filename: `foto${i}.jpg`, type: 'image/jpeg', data })),
  );
  return request(platform.url, '/api/reports', { host, method: 'POST', body, headers: { 'content-type': contentType, ...headers } });
}

describe('reports JSON API', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let photo: Buffer;

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    photo = await testPhoto(1);
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  test('a report with a photo is numbered, routed by the tenant rules and trackable with its token', async () => {
    const res = await submit(
      platform,
      JAKARTA,
      { category: 'jalan-rusak', ...JAKSEL, description: 'Jalan berlubang besar di depan halte, membahayakan pengendara motor.' },
      [photo],
    );
    assert.equal(res.status, 201, res.body);
    const report = res.json<ReportJson>();
    assert.match(report.ticket, /^JK\d{6}\d{4}$/);
    assert.equal(report.status.code, 'menunggu');
    assert.equal(report.agency.code, 'sudin-bina-marga-jakarta-selatan');
    assert.equal(report.privacy, 'private');
    assert.equal(report.photos.length, 1);
    assert.ok(report.trackingToken);
    assert.equal(report.timeline[1].rule, 'jalan-rusak-jakarta-selatan');
    assert.equal('reporterContact' in report, false);

    const tracked = await request(platform.url, `/api/reports/${report.ticket}?token=${report.trackingToken}`, { host: JAKARTA });
    assert.equal(tracked.status, 200);
    assert.equal(tracked.json<ReportJson>().ticket, report.ticket);
    assert.equal(
      (await request(platform.url, `/api/reports/${report.ticket}`, { host: JAKARTA })).status,
      404,
      'a private report is not public',
    );
    assert.equal((await request(platform.url, `/api/reports/${report.ticket}?token=wrong`, { host: JAKARTA })).status, 404);
    const photoRes = await request(platform.url, `${report.photos[0].url}?token=${report.trackingToken}`, { host: JAKARTA });
    assert.equal(photoRes.status, 200);
    assert.equal(photoRes.headers['content-type'], 'image/jpeg');
    assert.equal(
      (await request(platform.url, report.photos[0].url, { host: JAKARTA })).status,
      404,
      "a private report's photo needs the token",
    );
  });

  test('Lampung numbers and routes with its own config', async () => {
    const res = await submit(
      platform,
      LAMPUNG,
      {
        category: 'jalan-rusak',
        latitude: '-5.43',
        longitude: '105.26',
        description: 'Jalan rusak parah di Kota Bandar Lampung dekat pasar.',
      },
      [photo],
    );
    assert.equal(res.status, 201, res.body);
    assert.match(res.json<ReportJson>().ticket, /^LP\d{10}$/);
    assert.equal(res.json<ReportJson>().agency.code, 'pemkot-bandar-lampung');
  });

  test('an Idempotency-Key makes a retry return the same report, never a second', async () => {
    const fields = { category: 'sampah', ...JAKSEL, description: 'Tumpukan sampah belum diangkut selama tiga hari.', privacy: 'public' };
    const headers = { 'idempotency-key': 'retry-test-0001' };
    const first = await submit(platform, JAKARTA, fields, [photo], headers);
    const again = await submit(platform, JAKARTA, fields, [photo], headers);
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json<ReportJson>().ticket, first.json<ReportJson>().ticket);
  });

  test('every refusal says what to fix and saves nothing', async () => {
    const base = { category: 'jalan-rusak', ...JAKSEL, description: 'Jalan rusak parah di depan sekolah dasar.' };
    const cases: [Record<string, string>, Buffer[], number, string][] = [
      [{ ...base, category: 'jalan-tol' }, [photo], 422, 'unknown-category'],
      [{ ...base, latitude: '-5.43', longitude: '105.26' }, [photo], 422, 'outside-area'],
      [{ ...base, description: 'pendek' }, [photo], 422, 'description-length'],
      [{ ...base, latitude: 'abc' }, [photo], 422, 'invalid-field'],
      [base, [], 422, 'photo-required'],
      [base, [Buffer.from('%PDF-1.4 this is not a photo')], 415, 'photo-not-image'],
      [base, [photo, photo, photo, photo], 422, 'too-many-photos'],
    ];
    const before = (await request(platform.url, '/api/reports', { host: JAKARTA })).json<FeedJson>().items.length;
    for (const [fields, photos, status, code] of cases) {
      const res = await submit(platform, JAKARTA, fields, photos);
      assert.equal(res.status, status, `${code}: ${res.body}`);
      assert.equal(res.json<ApiErrorJson>().error, code);
      assert.ok(res.json<ApiErrorJson>().message.length > 10);
    }
    assert.equal((await request(platform.url, '/api/reports', { host: JAKARTA })).json<FeedJson>().items.length, before);
  });

  test('the public feed shows public reports only, without the reporter', async () => {
    await submit(
      platform,
      JAKARTA,
      {
        category: 'parkir-liar',
        ...JAKSEL,
        description: 'Parkir liar menutup trotoar setiap sore.',
        privacy: 'public',
        contact: '0812-rahasia',
      },
      [photo],
    );
    const feed = (await request(platform.url, '/api/reports?category=parkir-liar', { host: JAKARTA })).json<FeedJson>();
    assert.equal(feed.items.length, 1);
    assert.equal(feed.items[0].privacy, 'public');
    assert.doesNotMatch(JSON.stringify(feed), /rahasia|reporter|trackingToken/);
    const all = (await request(platform.url, '/api/reports', { host: JAKARTA })).json<FeedJson>();
    assert.ok(all.items.every((r) => r.privacy === 'public'));
  });

  test('a citizen supports a public report once', async () => {
    const res = await submit(
      platform,
      JAKARTA,
      { category: 'pohon-tumbang', ...JAKSEL, description: 'Pohon tumbang menutup setengah badan jalan.', privacy: 'public' },
      [photo],
    );
    const ticket = res.json<ReportJson>().ticket;
    const first = await request(platform.url, `/api/reports/${ticket}/supports`, { host: JAKARTA, method: 'POST' });
    assert.equal(first.status, 201);
    assert.equal(first.json<ReportJson>().supports, 1);
    const second = await request(platform.url, `/api/reports/${ticket}/supports`, { host: JAKARTA, method: 'POST' });
    assert.equal(second.status, 409);
    assert.equal(second.json<ApiErrorJson>().error, 'already-supported');
  });

  test("a report of Jakarta asked for through Lampung's host does not exist there", async () => {
    const res = await submit(
      platform,
      JAKARTA,
      { category: 'sampah', ...JAKSEL, description: 'Sampah menumpuk di pinggir kali.', privacy: 'public' },
      [photo],
    );
    const { ticket, trackingToken, photos } = res.json<ReportJson>();
    assert.equal((await request(platform.url, `/api/reports/${ticket}`, { host: LAMPUNG })).status, 404);
    assert.equal((await request(platform.url, `/api/reports/${ticket}?token=${trackingToken}`, { host: LAMPUNG })).status, 404);
    assert.equal((await request(platform.url, photos[0].url, { host: LAMPUNG })).status, 404);
    assert.equal((await request(platform.url, `/api/reports/${ticket}/supports`, { host: LAMPUNG, method: 'POST' })).status, 404);
    assert.equal((await request(platform.url, `/api/reports/${ticket}`, { host: JAKARTA })).json<ReportJson>().supports, 0);
  });
});
