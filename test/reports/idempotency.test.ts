import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AccountsService } from '@app/accounts';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request, Response } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { csrfOf, hiddenField, WebClient } from '../support/web-client';
import { ApiErrorJson, ReportJson } from '../support/api';

const PASSWORD = 'sandi-panjang-sekali-1';
/** A private-by-default category and a point inside each tenant. */
const PLACES = {
  'jakarta.localhost': { slug: 'jakarta', category: 'jalan-rusak', latitude: '-6.2440', longitude: '106.8000' },
  'lampung.localhost': { slug: 'lampung', category: 'jalan-rusak', latitude: '-5.43', longitude: '105.26' },
} as const;
type Host = keyof typeof PLACES;
const HOSTS = Object.keys(PLACES) as Host[];

/** Nothing of a report in a refusal: no ticket, description, address, location, photo ids or timeline. */
function assertDiscloses(res: Response, secret: { ticket: string; description: string; address: string; photoIds: string[] }): void {
  assert.equal(res.status, 422, res.body);
  assert.equal(res.headers['idempotent-replayed'], undefined);
  for (const value of [secret.ticket, secret.description, secret.address, ...secret.photoIds])
    assert.ok(!res.body.includes(value), `the refusal shows ${value}`);
  assert.doesNotMatch(res.body, /timeline|trackingToken|latitude/);
}

describe('Idempotency-Key scoped to its submitter (issue 7, defect 1)', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let photo: Buffer;
  let otherPhoto: Buffer;
  const bearer: Record<string, Record<string, string>> = {};

  async function submit(host: Host, fields: Record<string, string>, key: string, options: { token?: string; photos?: Buffer[] } = {}) {
    const { body, contentType } = multipartBody(
      fields,
      (options.photos ?? [photo]).map((data, i) => ({ field: 'photos', filename: `f${i}.jpg`, type: 'image/jpeg', data })),
    );
    return request(platform.url, '/api/reports', {
      host,
      method: 'POST',
      body,
      headers: {
        'content-type': contentType,
        'idempotency-key': key,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
    });
  }

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    photo = await testPhoto(71);
    otherPhoto = await testPhoto(72);
    for (const host of HOSTS) {
      const tenant = platform.app.get(TenantRegistry).getOrThrow(PLACES[host].slug);
      bearer[host] = {};
      for (const who of ['ani', 'budi']) {
        await platform.app
          .get(TenantContext)
          .run(tenant, () =>
            platform.app
              .get(AccountsService)
              .registerCitizen({ email: `${who}@example.id`, password: PASSWORD, displayName: who }, '10.9.9.9'),
          );
        const session = await request(platform.url, '/api/sessions', {
          host,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `${who}@example.id`, password: PASSWORD }),
        });
        assert.equal(session.status, 201, session.body);
        bearer[host][who] = session.json<{ token: string }>().token;
      }
    }
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  for (const host of HOSTS) {
    const place = PLACES[host];
    const report = (description: string) => ({
      category: place.category,
      latitude: place.latitude,
      longitude: place.longitude,
      address: `Jl. Rahasia ${description.length}`,
      description,
    });

    test(`${host}: an anonymous replay of the same request answers exactly the first answer, tracking token included`, async () => {
      const fields = report('Lubang dalam di depan rumah saya, nomor rumah terlihat di foto.');
      const first = await submit(host, fields, `anon-${place.slug}-0001`);
      assert.equal(first.status, 201, first.body);
      assert.equal(first.json<ReportJson>().privacy, 'private');
      assert.match(first.json<ReportJson>().trackingToken ?? '', /^[A-Za-z0-9_-]{24}$/);
      const again = await submit(host, fields, `anon-${place.slug}-0001`);
      assert.equal(again.status, 200, again.body);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.deepEqual(again.json(), first.json(), 'the same answer, token included');
      const tracked = await request(
        platform.url,
        `/api/reports/${first.json<ReportJson>().ticket}?token=${again.json<ReportJson>().trackingToken}`,
        { host },
      );
      assert.equal(tracked.status, 200, 'the replayed token follows the report');
    });

    test(`${host}: the same key with another body, another photo, or from a signed-in citizen discloses nothing`, async () => {
      const fields = report('Saluran air tersumbat di gang sempit belakang pasar, rumah saya kebanjiran.');
      const first = (await submit(host, fields, `victim-${place.slug}-0001`)).json<ReportJson>();
      const secret = {
        ticket: first.ticket,
        description: fields.description,
        address: fields.address,
        photoIds: first.photos.map((p) => p.id),
      };
      assertDiscloses(
        await submit(host, report('Penyerang menebak kunci orang lain dengan isi yang berbeda.'), `victim-${place.slug}-0001`),
        secret,
      );
      assertDiscloses(await submit(host, fields, `victim-${place.slug}-0001`, { photos: [otherPhoto] }), secret);
      assertDiscloses(await submit(host, { ...fields, privacy: 'public' }, `victim-${place.slug}-0001`), secret);
      assertDiscloses(await submit(host, fields, `victim-${place.slug}-0001`, { token: bearer[host].ani }), secret);
      const refusal = await submit(
        host,
        report('Penyerang menebak kunci orang lain dengan isi yang berbeda.'),
        `victim-${place.slug}-0001`,
      );
      assert.equal(refusal.json<ApiErrorJson>().error, 'idempotency-key-reused');
      assert.match(refusal.json<ApiErrorJson>().message, /sudah dipakai/);
    });

    test(`${host}: a citizen's key answers that citizen only`, async () => {
      const fields = report('Pohon tumbang menutup setengah jalan sejak pagi tadi.');
      const first = await submit(host, fields, `citizen-${place.slug}-0001`, { token: bearer[host].ani });
      assert.equal(first.status, 201, first.body);
      const again = await submit(host, fields, `citizen-${place.slug}-0001`, { token: bearer[host].ani });
      assert.equal(again.status, 200);
      assert.deepEqual(again.json(), first.json());
      const secret = {
        ticket: first.json<ReportJson>().ticket,
        description: fields.description,
        address: fields.address,
        photoIds: first.json<ReportJson>().photos.map((p) => p.id),
      };
      assertDiscloses(await submit(host, fields, `citizen-${place.slug}-0001`, { token: bearer[host].budi }), secret);
      assertDiscloses(await submit(host, fields, `citizen-${place.slug}-0001`), secret);
      assertDiscloses(
        await submit(host, report('Ani sendiri, tetapi dengan isi laporan yang lain sekali.'), `citizen-${place.slug}-0001`, {
          token: bearer[host].ani,
        }),
        secret,
      );
    });
  }

  test('the same key on the other tenant is another key', async () => {
    const a = await submit(
      'jakarta.localhost',
      report('jakarta.localhost', 'Lampu jalan mati sepanjang satu blok sejak kemarin.'),
      'shared-key-0001',
    );
    const b = await submit(
      'lampung.localhost',
      report('lampung.localhost', 'Lampu jalan mati sepanjang satu blok sejak kemarin.'),
      'shared-key-0001',
    );
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.notEqual(a.json<ReportJson>().ticket, b.json<ReportJson>().ticket);
  });

  for (const host of HOSTS) {
    test(`${host}: the portal form replays only to the same request; a stolen form seed discloses nothing`, async () => {
      const place = PLACES[host];
      const owner = new WebClient(() => platform.url, host);
      const form = await owner.get('/laporan/baru');
      const seed = hiddenField(form.body, 'submission');
      const fields = {
        _csrf: csrfOf(form.body),
        submission: seed,
        category: place.category,
        latitude: place.latitude,
        longitude: place.longitude,
        address: 'Jl. Portal Rahasia 9',
        description: 'Trotoar amblas di depan sekolah, anak-anak harus turun ke jalan.',
      };
      const first = await owner.postMultipart('/laporan/baru', fields, [photo]);
      assert.equal(first.status, 200, first.body.slice(0, 500));
      const ticket = /id="ticket">([A-Z]{2}\d{10})</.exec(first.body)?.[1];
      const token = /id="tracking-token">([^<]+)</.exec(first.body)?.[1];
      assert.ok(ticket && token);
      const again = await owner.postMultipart('/laporan/baru', fields, [photo]);
      assert.equal(/id="ticket">([A-Z]{2}\d{10})</.exec(again.body)?.[1], ticket, 'a double submit shows the same report');
      assert.equal(/id="tracking-token">([^<]+)</.exec(again.body)?.[1], token, 'and the same token');

      // Someone else with the seed (their own session and CSRF pair) and other content: refused, nothing shown.
      const other = new WebClient(() => platform.url, host);
      const otherForm = await other.get('/laporan/baru');
      const stolen = await other.postMultipart(
        '/laporan/baru',
        {
          ...fields,
          _csrf: csrfOf(otherForm.body),
          address: 'Jl. Lain 1',
          description: 'Isi lain dari orang lain yang menemukan seed formulir.',
        },
        [photo],
      );
      assert.equal(stolen.status, 422);
      for (const value of [ticket, token, 'Jl. Portal Rahasia 9']) assert.ok(!stolen.body.includes(value), `the refusal shows ${value}`);
      assert.match(stolen.body, /sudah dipakai/);
      assert.notEqual(hiddenField(stolen.body, 'submission'), seed, 'the refused form gets a fresh key');
    });
  }
});

function report(host: Host, description: string) {
  const place = PLACES[host];
  return { category: place.category, latitude: place.latitude, longitude: place.longitude, description };
}
