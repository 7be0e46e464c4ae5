import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Open311KeyService } from '@app/open311';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { editYaml, ROOT } from '../cli/cli-runner';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { form, Open311Json, validJson, validXml, xmlItems } from './open311-support';

const JAKARTA = 'jakarta.localhost';
const LAMPUNG = 'lampung.localhost';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** A public category, given extra questions in the test tenants (below). */
const POTHOLE = 'jalan-berlubang';

/** DateTime::Format::W3CDTF's format (FixMyStreet): local time with its offset, Z for UTC. */
function w3cdtf(at: Date, offsetHours = 7): string {
  const local = new Date(at.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 19);
  return `${local}+${String(offsetHours).padStart(2, '0')}:00`;
}

/** python `three`: `date.strftime('%Y-%m-%dT%H:%M:%SZ')`. */
function threeDate(at: Date): string {
  return `${at.toISOString().slice(0, 10)}T00:00:00Z`;
}

describe('Open311 GeoReport v2', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let tenantsDir: string;
  const keys: Record<string, string> = {};
  let revokedKey: string;

  async function issue(slug: string, name: string): Promise<{ id: string; key: string }> {
    const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
    return platform.app.get(TenantContext).run(tenant, () => platform.app.get(Open311KeyService).issue(name));
  }

  const get = (host: string, path: string, headers: Record<string, string> = {}) => request(platform.url, path, { host, headers });
  const post = (host: string, path: string, body: string | Buffer, headers: Record<string, string> = FORM) =>
    request(platform.url, path, { host, method: 'POST', body, headers });

  /** FixMyStreet's Open311.pm request, field for field: jurisdiction_id and api_key in the urlencoded body with the report. */
  function fixMyStreetPost(host: string, apiKey: string, extra: Record<string, string> = {}) {
    return post(
      host,
      '/open311/v2/requests.xml',
      form({
        jurisdiction_id: 'jakarta.go.id',
        api_key: apiKey,
        description:
          'title: Lubang besar di jalan\n\ndetail: Lubang sedalam 15 cm di lajur kiri, membahayakan motor.\n\nurl: https://www.fixmystreet.example/report/123\n\nSubmitted via FixMyStreet\n',
        service_code: POTHOLE,
        first_name: 'Budi',
        last_name: 'Santoso',
        phone: '+62 812 0000 1111',
        email: 'budi@example.id',
        lat: '-6.244',
        long: '106.8',
        media_url: 'https://www.fixmystreet.example/photo/123.full.jpeg',
        'attribute[kedalaman]': '15',
        'attribute[lajur]': 'kiri',
        ...extra,
      }),
    );
  }

  before(async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'replika-open311-'));
    tenantsDir = join(scratch, 'tenants');
    cpSync(join(ROOT, 'tenants'), tenantsDir, { recursive: true });
    editYaml<{ categories: Record<string, { fields?: object }> }>(join(tenantsDir, 'indonesia', 'categories.yaml'), (data) => {
      data.categories[POTHOLE].fields = {
        kedalaman: { label: { id: 'Perkiraan kedalaman (cm)', en: 'Approximate depth (cm)' }, type: 'number', required: true },
        lajur: {
          label: { id: 'Lajur', en: 'Lane' },
          type: 'singlevaluelist',
          values: { kiri: { id: 'Kiri', en: 'Left' }, kanan: { id: 'Kanan', en: 'Right' } },
        },
        catatan: { label: { id: 'Catatan <tambahan> & lain-lain' }, type: 'text' },
      };
    });
    editYaml<{ services: Record<string, object> }>(join(tenantsDir, 'lampung', 'tenant.yaml'), (data) => {
      data.services.reports = { settings: { open311SubmissionsPerHour: 2 } };
    });
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: tenantsDir });
    keys.jakarta = (await issue('jakarta', 'FixMyStreet')).key;
    keys.lampung = (await issue('lampung', 'FixMyStreet')).key;
    const revoked = await issue('jakarta', 'old partner');
    revokedKey = revoked.key;
    const tenant = platform.app.get(TenantRegistry).getOrThrow('jakarta');
    assert.equal(await platform.app.get(TenantContext).run(tenant, () => platform.app.get(Open311KeyService).revoke(revoked.id)), true);
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
    if (tenantsDir) rmSync(join(tenantsDir, '..'), { recursive: true, force: true });
  });

  test('discovery in JSON and XML', async () => {
    const json = validJson(await get(JAKARTA, '/open311/v2/discovery.json'), 'discovery');
    assert.equal(json.endpoints[0].url, `http://${JAKARTA}/open311/v2`);
    const xml = validXml<{ endpoints: { endpoint: { specification: string; formats: { format: string[] } }[] } }>(
      await get(JAKARTA, '/open311/v2/discovery.xml'),
      'discovery',
    );
    assert.equal(xml.endpoints.endpoint[0].specification, 'http://wiki.open311.org/GeoReport_v2');
    assert.deepEqual(xml.endpoints.endpoint[0].formats.format, ['text/xml', 'application/json']);
  });

  test("services: the tenant's categories, Lampung without Jakarta-only ones", async () => {
    const jakarta = validJson(await get(JAKARTA, '/open311/v2/services.json?jurisdiction_id=jakarta.go.id'), 'services');
    const lampung = validJson(await get(LAMPUNG, '/open311/v2/services.json'), 'services');
    const codes = (list: { service_code: string }[]) => list.map((s) => s.service_code);
    assert.ok(codes(jakarta).includes('pipa-air-bocor') && codes(jakarta).includes('kabel-semrawut'));
    assert.ok(!codes(lampung).includes('pipa-air-bocor') && !codes(lampung).includes('kabel-semrawut'));
    assert.equal(lampung.length, jakarta.length - 2);
    const pothole = jakarta.find((s) => s.service_code === POTHOLE);
    assert.deepEqual(
      { ...pothole, keywords: undefined },
      {
        service_code: POTHOLE,
        service_name: 'Jalan Berlubang',
        description: 'Jalan Berlubang',
        metadata: true,
        type: 'realtime',
        keywords: undefined,
        group: 'infrastruktur',
      },
    );
    assert.equal(jakarta.find((s) => s.service_code === 'banjir')?.metadata, false);
    assert.equal(
      validJson(await get(JAKARTA, '/open311/v2/services.json', { 'accept-language': 'en' }), 'services').find(
        (s) => s.service_code === POTHOLE,
      )?.service_name,
      'Pothole',
    );

    const xml = validXml(await get(LAMPUNG, '/open311/v2/services.xml'), 'services');
    const items = xmlItems(xml, 'service');
    assert.equal(items.length, lampung.length);
    assert.ok(!items.some((s) => s.service_code === 'pipa-air-bocor'));
    assert.equal(items.find((s) => s.service_code === POTHOLE)?.metadata, 'true');
  });

  test('service definition: the category fields as attributes, escaped in XML', async () => {
    const def = validJson(await get(JAKARTA, `/open311/v2/services/${POTHOLE}.json`), 'service-definition');
    assert.equal(def.service_code, POTHOLE);
    assert.deepEqual(
      def.attributes.map((a) => [a.code, a.datatype, a.required, a.order]),
      [
        ['kedalaman', 'number', true, 1],
        ['lajur', 'singlevaluelist', false, 2],
        ['catatan', 'text', false, 3],
      ],
    );
    assert.deepEqual(def.attributes[1].values, [
      { key: 'kiri', name: 'Kiri' },
      { key: 'kanan', name: 'Kanan' },
    ]);
    const xmlRes = await get(JAKARTA, `/open311/v2/services/${POTHOLE}.xml`);
    assert.ok(xmlRes.body.includes('<description>Catatan &lt;tambahan&gt; &amp; lain-lain</description>'));
    const xml = validXml<{ attributes: unknown }>(xmlRes, 'service_definition');
    const attrs = xmlItems<{ description: string; values: { value: { name: string }[] } }>(xml.attributes, 'attribute');
    assert.equal(attrs[1].values.value[1].name, 'Kanan');
    assert.equal(attrs[2].description, 'Catatan <tambahan> & lain-lain');
    assert.equal(validJson(await get(JAKARTA, '/open311/v2/services/banjir.json'), 'service-definition').attributes.length, 0);

    // Not found: an unknown code, a Jakarta-only code on Lampung, an unknown format.
    const missing = await get(JAKARTA, '/open311/v2/services/jalan-tol.json');
    assert.equal(missing.status, 404);
    assert.equal(validJson(missing, 'errors')[0].code, 404);
    assert.equal((await get(LAMPUNG, '/open311/v2/services/pipa-air-bocor.json')).status, 404);
    const xmlMissing = await get(LAMPUNG, '/open311/v2/services/pipa-air-bocor.xml');
    assert.equal(xmlMissing.status, 404);
    assert.equal(xmlItems(validXml(xmlMissing, 'errors'), 'error')[0].code, '404');
    for (const path of [
      '/open311/v2/services.yaml',
      `/open311/v2/services/${POTHOLE}.html`,
      '/open311/v2/requests.csv',
      '/open311/v2/discovery.txt',
    ]) {
      const res = await get(JAKARTA, path);
      assert.equal(res.status, 404, path);
      validXml(res, 'errors');
    }
  });

  test("FixMyStreet's POST (urlencoded, jurisdiction_id and api_key in the body) creates a report; nothing about the reporter comes back", async () => {
    const res = await fixMyStreetPost(JAKARTA, keys.jakarta);
    assert.equal(res.status, 201, res.body);
    const created = xmlItems(validXml(res, 'service_requests'), 'request');
    assert.equal(created.length, 1);
    const id = created[0].service_request_id;
    assert.match(id, /^JK\d{10}$/);

    const one = await get(JAKARTA, `/open311/v2/requests/${id}.xml?jurisdiction_id=jakarta.go.id`);
    const [request] = xmlItems(validXml(one, 'service_requests'), 'request');
    assert.equal(request.service_request_id, id);
    assert.equal(request.status, 'open');
    assert.equal(request.status_notes, 'Menunggu');
    assert.equal(request.service_code, POTHOLE);
    assert.equal(request.agency_responsible.length > 0, true);
    assert.match(request.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    assert.equal(request.media_url, 'https://www.fixmystreet.example/photo/123.full.jpeg');
    for (const secret of ['Budi', 'Santoso', 'budi@example.id', '0000 1111']) {
      assert.ok(!one.body.includes(secret), `reporter data '${secret}' in ${one.body}`);
    }
    const [json] = validJson(await get(JAKARTA, `/open311/v2/requests/${id}.json`), 'service-requests');
    assert.equal(json.lat, -6.244);
    assert.equal(json.long, 106.8);

    // The contact is kept for the officers' follow-up, privately.
    const stored = await asOwner(db.url, (c) =>
      c.query<{ reporter_contact: string; details: object }>(`SELECT reporter_contact, details FROM reports WHERE ticket_no = $1`, [id]),
    );
    assert.equal(stored.rows[0].reporter_contact, 'Budi Santoso / budi@example.id / +62 812 0000 1111');
    assert.deepEqual(stored.rows[0].details, {
      kedalaman: '15',
      lajur: 'kiri',
      media_url: 'https://www.fixmystreet.example/photo/123.full.jpeg',
    });
  });

  test('POST with api_key in the query string and a JSON body answers JSON', async () => {
    const res = await post(
      JAKARTA,
      `/open311/v2/requests.json?api_key=${keys.jakarta}&jurisdiction_id=jakarta.go.id`,
      JSON.stringify({
        service_code: 'banjir',
        lat: -6.2,
        long: 106.85,
        description: 'Banjir setinggi lutut di depan pasar sejak pagi.',
        address_string: 'Jl. Pasar Minggu Raya',
      }),
      { 'content-type': 'application/json' },
    );
    assert.equal(res.status, 201, res.body);
    const [created] = validJson(res, 'post-response');
    const [one] = validJson(await get(JAKARTA, `/open311/v2/requests/${created.service_request_id}.json`), 'service-requests');
    assert.equal(one.address, 'Jl. Pasar Minggu Raya');
    assert.equal(one.media_url, null);
  });

  test("python three's POST: multipart with a media file, which becomes the report's photo", async () => {
    const { body, contentType } = multipartBody(
      {
        service_code: 'genangan-air',
        lat: '-6.2440',
        long: '106.8000',
        description: 'Genangan air tidak surut di bawah jembatan layang.',
        address_string: 'Jl. Sisingamangaraja',
        first_name: 'Siti',
        last_name: 'Aminah',
        api_key: keys.jakarta,
        jurisdiction_id: 'jakarta.go.id',
      },
      [{ field: 'media', filename: 'photo.jpg', type: 'image/jpeg', data: await testPhoto(7) }],
    );
    const res = await post(JAKARTA, '/open311/v2/requests.json', body, { 'content-type': contentType });
    assert.equal(res.status, 201, res.body);
    const [created] = validJson(res, 'post-response');
    const [one] = validJson(await get(JAKARTA, `/open311/v2/requests/${created.service_request_id}.json`), 'service-requests');
    assert.match(one.media_url ?? '', new RegExp(`^http://${JAKARTA}/laporan/foto/[0-9a-f-]{36}$`));
    const photo = await get(JAKARTA, new URL(one.media_url ?? '').pathname);
    assert.equal(photo.status, 200);
    assert.equal(photo.headers['content-type'], 'image/jpeg');
  });

  test('a missing, wrong, revoked or other-tenant api_key is refused with 403 in both formats', async () => {
    const body = (key?: string) =>
      form({
        ...(key ? { api_key: key } : {}),
        service_code: POTHOLE,
        lat: '-6.244',
        long: '106.8',
        description: 'Lubang di jalan depan kantor kelurahan.',
        'attribute[kedalaman]': '5',
      });
    const cases: [string, string | undefined][] = [
      [JAKARTA, undefined],
      [JAKARTA, 'o311_nottherightkeyatallnottherightkeyatallnotr'],
      [JAKARTA, 'wrong'],
      [JAKARTA, revokedKey],
      [LAMPUNG, keys.jakarta],
    ];
    for (const [host, key] of cases) {
      const json = await post(host, '/open311/v2/requests.json', body(key));
      assert.equal(json.status, 403, `${host} ${key}: ${json.body}`);
      assert.equal(validJson(json, 'errors')[0].code, 403);
      const xml = await post(host, '/open311/v2/requests.xml', body(key));
      assert.equal(xml.status, 403);
      const [error] = xmlItems(validXml(xml, 'errors'), 'error');
      assert.equal(error.code, '403');
      assert.match(error.description, /api_key/);
    }
    const count = await asOwner(db.url, (c) =>
      c.query<{ n: number }>(`SELECT count(*)::int AS n FROM reports WHERE description = 'Lubang di jalan depan kantor kelurahan.'`),
    );
    assert.equal(count.rows[0].n, 0);
  });

  test('invalid submissions answer 400 with a description, in the tenant language', async () => {
    const base = {
      api_key: keys.jakarta,
      jurisdiction_id: 'x',
      service_code: POTHOLE,
      lat: '-6.244',
      long: '106.8',
      description: 'Lubang besar di tengah jalan raya.',
      'attribute[kedalaman]': '10',
    };
    const cases: [Record<string, string | undefined>, RegExp][] = [
      [{ lat: undefined, long: undefined, address_string: 'Jl. Sudirman 1' }, /lat and long are required/],
      [{ service_code: undefined }, /service_code is required/],
      [{ service_code: 'jalan-tol' }, /jalan-tol|kategori/i],
      [{ lat: '-5.43', long: '105.26' }, /luar wilayah/],
      [{ 'attribute[kedalaman]': undefined }, /kedalaman/],
      [{ 'attribute[lajur]': 'tengah' }, /lajur/],
      [{ media_url: 'javascript:alert(1)' }, /media_url/],
      [{ lat: 'utara' }, /latitude/],
    ];
    for (const [change, description] of cases) {
      const fields = Object.fromEntries(Object.entries({ ...base, ...change }).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >;
      for (const format of ['json', 'xml'] as const) {
        const res = await post(JAKARTA, `/open311/v2/requests.${format}`, form(fields));
        assert.equal(res.status, 400, `${JSON.stringify(change)}: ${res.body}`);
        const error = format === 'json' ? validJson(res, 'errors')[0] : xmlItems(validXml(res, 'errors'), 'error')[0];
        assert.equal(Number(error.code), 400);
        assert.match(error.description, description);
      }
    }
  });

  test('GET requests: public reports only, by each of the five filters, in JSON and XML', async () => {
    const submit = async (code: string, description: string, extra: Record<string, string> = {}) => {
      const res = await post(
        JAKARTA,
        '/open311/v2/requests.json',
        form({ api_key: keys.jakarta, service_code: code, lat: '-6.2', long: '106.85', description, ...extra }),
      );
      assert.equal(res.status, 201, res.body);
      return res.json<Open311Json['post-response']>()[0].service_request_id;
    };
    const flood = await submit('banjir', 'Banjir di perumahan warga setinggi pinggang.');
    const pool = await submit('genangan-air', 'Genangan air di perempatan lampu merah.');
    const old = await submit('banjir', 'Banjir lama di kampung sebelah sungai.');
    const hidden = await submit('sampah', 'Sampah menumpuk di pinggir jalan kampung.');
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    await asOwner(db.url, async (c) => {
      await c.query(`UPDATE reports SET created_at = $2 WHERE ticket_no = $1`, [old, tenDaysAgo]);
      await c.query(`UPDATE reports SET status = 'selesai', state = 'closed' WHERE ticket_no = $1`, [pool]);
    });

    const ids = async (query: string): Promise<string[]> =>
      validJson(await get(JAKARTA, `/open311/v2/requests.json${query}`), 'service-requests').map((r) => r.service_request_id);
    const all = await ids('');
    assert.ok([flood, pool, old].every((id) => all.includes(id)));
    assert.ok(!all.includes(hidden), 'a private report (sampah is private by default) is never listed');
    assert.equal((await get(JAKARTA, `/open311/v2/requests/${hidden}.json`)).status, 404);

    assert.deepEqual((await ids(`?service_request_id=${flood},${old},${hidden}`)).sort(), [flood, old].sort());
    assert.ok((await ids('?service_code=banjir')).every((id) => id !== pool));
    assert.deepEqual(await ids('?service_code=genangan-air&status=closed'), [pool]);
    assert.ok(!(await ids('?status=open')).includes(pool));
    assert.ok((await ids('?status=closed')).includes(pool));
    const window = `?start_date=${encodeURIComponent(w3cdtf(new Date(Date.now() - 12 * 86_400_000)))}&end_date=${encodeURIComponent(w3cdtf(new Date(Date.now() - 8 * 86_400_000)))}`;
    assert.deepEqual(await ids(window), [old]);
    assert.ok(!(await ids(`?start_date=${encodeURIComponent(w3cdtf(new Date(Date.now() - 86_400_000)))}`)).includes(old));

    const closed = xmlItems(
      validXml(await get(JAKARTA, `/open311/v2/requests.xml?service_request_id=${pool}`), 'service_requests'),
      'request',
    );
    assert.equal(closed[0].status, 'closed');
    assert.equal(closed[0].status_notes, 'Selesai');

    // An empty list is still a list.
    const none = await get(JAKARTA, '/open311/v2/requests.xml?service_code=pohon-tumbang');
    assert.ok(none.body.includes('<service_requests></service_requests>'), none.body);
    assert.deepEqual(xmlItems(validXml(none, 'service_requests'), 'request'), []);
    assert.equal((await get(JAKARTA, '/open311/v2/requests.json?service_code=pohon-tumbang')).body, '[]');

    for (const bad of ['?start_date=kemarin', '?status=pending', `?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`]) {
      const res = await get(JAKARTA, `/open311/v2/requests.json${bad}`);
      assert.equal(res.status, 400, bad);
      validJson(res, 'errors');
    }
  });

  test("FixMyStreet's GET requests.xml (jurisdiction_id, W3CDTF start_date/end_date) and python three's requests.json", async () => {
    const id = (await fixMyStreetPost(JAKARTA, keys.jakarta)).body.match(/<service_request_id>(\w+)<\/service_request_id>/)![1];
    const now = new Date();
    const fms = await get(
      JAKARTA,
      `/open311/v2/requests.xml?${new URLSearchParams({
        jurisdiction_id: 'jakarta.go.id',
        start_date: w3cdtf(new Date(now.getTime() - 3_600_000)),
        end_date: w3cdtf(new Date(now.getTime() + 3_600_000)),
      }).toString()}`,
    );
    assert.equal(fms.status, 200, fms.body);
    const requests = xmlItems(validXml(fms, 'service_requests'), 'request');
    assert.ok(requests.some((r) => r.service_request_id === id));
    // FixMyStreet's GET of a batch by id, then a token.
    const byIds = xmlItems(
      validXml(await get(JAKARTA, `/open311/v2/requests.xml?service_request_id=${id}&jurisdiction_id=jakarta.go.id`), 'service_requests'),
      'request',
    );
    assert.equal(byIds.length, 1);

    const three = await get(
      JAKARTA,
      `/open311/v2/requests.json?${new URLSearchParams({
        start_date: threeDate(new Date(now.getTime() - 86_400_000)),
        end_date: threeDate(new Date(now.getTime() + 86_400_000)),
      }).toString()}`,
    );
    assert.ok(validJson(three, 'service-requests').some((r) => r.service_request_id === id));
  });

  test('tokens: the token of a realtime request is its id', async () => {
    const id = (await fixMyStreetPost(JAKARTA, keys.jakarta)).body.match(/<service_request_id>(\w+)<\/service_request_id>/)![1];
    assert.deepEqual(validJson(await get(JAKARTA, `/open311/v2/tokens/${id}.json`), 'tokens'), [{ service_request_id: id, token: id }]);
    const xml = xmlItems(
      validXml(await get(JAKARTA, `/open311/v2/tokens/${id}.xml?jurisdiction_id=jakarta.go.id`), 'service_requests'),
      'request',
    );
    assert.deepEqual(xml, [{ service_request_id: id, token: id }]);
    const missing = await get(JAKARTA, '/open311/v2/tokens/JK0000000000.json');
    assert.equal(missing.status, 404);
    validJson(missing, 'errors');
  });

  test("isolation: a Jakarta ticket is not found through Lampung's host", async () => {
    const id = (await fixMyStreetPost(JAKARTA, keys.jakarta)).body.match(/<service_request_id>(\w+)<\/service_request_id>/)![1];
    assert.equal((await get(JAKARTA, `/open311/v2/requests/${id}.json`)).status, 200);
    for (const path of [`/open311/v2/requests/${id}.json`, `/open311/v2/requests/${id}.xml`, `/open311/v2/tokens/${id}.json`]) {
      assert.equal((await get(LAMPUNG, path)).status, 404, path);
    }
    assert.deepEqual(validJson(await get(LAMPUNG, `/open311/v2/requests.json?service_request_id=${id}`), 'service-requests'), []);
    assert.ok(
      !validJson(await get(LAMPUNG, '/open311/v2/requests.json'), 'service-requests').some((r) => r.service_request_id.startsWith('JK')),
    );
  });

  test('POST requests are rate-limited per api key and tenant', async () => {
    // Lampung's test config allows 2 per hour per key.
    const body = form({
      api_key: keys.lampung,
      service_code: 'banjir',
      lat: '-5.43',
      long: '105.26',
      description: 'Banjir di Kota Bandar Lampung dekat pasar.',
    });
    assert.equal((await post(LAMPUNG, '/open311/v2/requests.json', body)).status, 201);
    assert.equal((await post(LAMPUNG, '/open311/v2/requests.json', body)).status, 201);
    const limited = await post(LAMPUNG, '/open311/v2/requests.xml', body);
    assert.equal(limited.status, 429, limited.body);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    validXml(limited, 'errors');
    // Jakarta's key is counted apart.
    assert.equal((await fixMyStreetPost(JAKARTA, keys.jakarta)).status, 201);
  });
});
