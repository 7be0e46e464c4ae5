import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AccountsService } from '@app/accounts';
import { TenantDatabase } from '@app/database';
import { FeedPuller, FeedScheduler } from '@app/feeds';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { QueryResultRow } from 'pg';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';
import { csrfOf, WebClient } from '../support/web-client';
import { FixtureServer, Hostile, PATHS } from './feed-fixtures';

/** A recorded pull, as the tests read it from feed_pulls. */
interface PullRow {
  status: string;
  reason: string | null;
  detail: string | null;
  rows_accepted: number;
  rows_rejected: number;
  rejects: { reason: string }[];
}

const JAKARTA = 'jakarta.localhost';
const LAMPUNG = 'lampung.localhost';
const TENANTS = join(__dirname, '..', '..', '..', 'tenants');

/**
 * Data feeds on real PostgreSQL, pulled over real HTTP from a local fixture
 * server shaped like the public sources: every shipped feed on both tenants,
 * the pages and home widgets that show them, the comparison across the
 * provinces that opt in, the console, and each way a hostile source can
 * misbehave, recorded as a failed pull while the last good data stays.
 */
describe('feeds: shipped sources, pages, console and hostile sources', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  const fixtures = new FixtureServer();
  let admin: WebClient;

  const pg = <R extends QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    asOwner(db.url, async (c) => (await c.query<R>(sql, params)).rows);
  const page = async (host: string, path: string) => {
    const res = await request(platform.url, path, { host, headers: { accept: 'text/html' } });
    return res;
  };
  const inTenant = <T>(slug: string, fn: () => Promise<T>) =>
    platform.app.get(TenantContext).run(platform.app.get(TenantRegistry).getOrThrow(slug), fn);
  const pull = (slug: string, feed: string) => inTenant(slug, () => platform.app.get(FeedPuller).pull(feed, 'admin'));
  const latestPull = async (slug: string, feed: string) =>
    (
      await pg<PullRow>(
        `SELECT status, reason, detail, rows_accepted, rows_rejected, rejects FROM feed_pulls WHERE tenant_id = $1 AND feed = $2 ORDER BY started_at DESC LIMIT 1`,
        [slug, feed],
      )
    )[0];

  before(async () => {
    await fixtures.start();
    db = await createTestDatabase();
    platform = await startPlatform({
      DATABASE_URL: db.url,
      TENANTS_DIR: fixtures.tenantsDir(TENANTS),
      WATCH_TENANTS: 'false',
      // The fixture server's address only: 127.0.0.2, 10/8, 169.254/16 stay refused.
      FEEDS_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
      FEEDS_TIMEOUT_SECONDS: '2',
      FEEDS_MAX_BYTES: '200000',
    });
    const accounts = platform.app.get(AccountsService);
    const token = await inTenant('jakarta', async () => {
      const account = await accounts.createStaff({
        email: 'admin-data@jakarta.test',
        password: 'kata-sandi-uji-data-1',
        displayName: 'Admin Data',
        role: 'admin',
      });
      return (await accounts.startSession(account)).token;
    });
    admin = new WebClient(() => platform.url, JAKARTA);
    admin.cookies.set('sid', token);
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
    await fixtures.stop();
  });

  test('each shipped feed is pulled from the fixtures on both tenants through the job queue', async () => {
    const shipped = { jakarta: ['harga-pangan', 'kualitas-udara'], lampung: ['harga-pangan', 'lowongan-kerja'] };
    for (const [slug, feeds] of Object.entries(shipped)) {
      for (const feed of feeds) await inTenant(slug, () => platform.app.get(FeedScheduler).requestPull(feed));
    }
    const deadline = Date.now() + 30_000;
    for (;;) {
      const done = await pg(
        `SELECT tenant_id, feed, status, reason, detail, rows_accepted FROM feed_pulls WHERE status <> 'running' ORDER BY 1, 2`,
      );
      if (done.length >= 4) {
        assert.deepEqual(
          done.map((p) => [p.tenant_id, p.feed, p.status, p.reason]),
          [
            ['jakarta', 'harga-pangan', 'ok', null],
            ['jakarta', 'kualitas-udara', 'ok', null],
            ['lampung', 'harga-pangan', 'ok', null],
            ['lampung', 'lowongan-kerja', 'ok', null],
          ],
          JSON.stringify(done),
        );
        assert.deepEqual(
          done.map((p) => p.rows_accepted),
          [18, 6, 9, 2],
        );
        break;
      }
      assert.ok(Date.now() < deadline, `the queued pulls finish: ${JSON.stringify(done)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  test('the food-price pages show the figures with their source, time and trend on both tenants', async () => {
    const jakarta = await page(JAKARTA, '/info/harga-pangan');
    assert.equal(jakarta.status, 200);
    assert.match(jakarta.body, /Beras Medium/);
    assert.match(jakarta.body, /Pasar Induk Kramat Jati/);
    assert.match(jakarta.body, /14\.500/, 'prices in Indonesian notation');
    assert.match(
      jakarta.body,
      /Sumber: <a href="https:\/\/infopangan\.jakarta\.go\.id"[^>]*>Dinas Ketahanan Pangan, Kelautan dan Pertanian Provinsi DKI Jakarta/,
    );
    assert.match(jakarta.body, /diperbarui <time datetime="\d{4}-/);
    assert.match(
      jakarta.body,
      /<svg class="sparkline sparkline--up"[^>]*role="img" aria-label="Beras Medium · Pasar Induk Kramat Jati · Jakarta Timur: naik dari 13\.800 ke 14\.500/,
    );
    assert.match(jakarta.body, /sparkline--down[^>]*aria-label="Cabai Merah Keriting/);
    assert.doesNotMatch(jakarta.body, /belum diperbarui/);

    const lampung = await page(LAMPUNG, '/info/harga-pangan');
    assert.equal(lampung.status, 200);
    assert.match(lampung.body, /Pisang Kepok – Tandan/, 'Windows-1252 decoded (the en dash is 0x96 there)');
    assert.match(lampung.body, /Pasar Bambu Kuning/);
    assert.match(lampung.body, /13\.000/);
    assert.doesNotMatch(lampung.body, /Kramat Jati/, 'no Jakarta rows in Lampung');
  });

  test('filters narrow the table by commodity, market, region and date', async () => {
    const res = await page(
      JAKARTA,
      `/info/harga-pangan?item=${encodeURIComponent('Bawang Merah')}&tempat=${encodeURIComponent('Pasar Senen')}`,
    );
    assert.equal(res.status, 200);
    const table = res.body.slice(res.body.indexOf('<table'));
    assert.equal((table.match(/<tr>/g) ?? []).length, 4, 'the header and three dates of one series');
    assert.doesNotMatch(table, /Beras Medium|Kramat Jati/);
    const byRegion = await page(JAKARTA, `/info/harga-pangan?wilayah=${encodeURIComponent('Jakarta Timur')}&dari=2999-01-01`);
    assert.match(byRegion.body, /id="feed-empty"/);
    const asSent = await page(JAKARTA, `/info/harga-pangan?item=${encodeURIComponent('Beras Medium')}&tempat=&wilayah=&dari=&sampai=`);
    assert.equal(asSent.status, 200, 'the form as a browser sends it, empty fields included');
    assert.equal((asSent.body.slice(asSent.body.indexOf('<table')).match(/<tr>/g) ?? []).length, 7);
    assert.equal((await page(JAKARTA, '/info/harga-pangan?dari=kemarin')).status, 400);
    assert.equal((await page(JAKARTA, '/info/harga-pangan?sembarang=1')).status, 400);
  });

  test('air quality (Jakarta) and job vacancies (Lampung) have their pages; each tenant sees only its own sources', async () => {
    const air = await page(JAKARTA, '/info/kualitas-udara');
    assert.equal(air.status, 200);
    assert.match(air.body, /DKI1 Bundaran HI/);
    assert.match(air.body, /µg\/m³/);
    assert.match(air.body, /Dinas Lingkungan Hidup Provinsi DKI Jakarta/);
    const jobs = await page(LAMPUNG, '/info/lowongan-kerja');
    assert.equal(jobs.status, 200);
    assert.match(
      jobs.body,
      /<a href="https:\/\/karirhub\.kemnaker\.go\.id\/lowongan\/123" rel="noopener external">Operator Mesin Penggilingan Padi<\/a>/,
    );
    assert.match(jobs.body, /Staf Gudang Hortikultura/);
    assert.doesNotMatch(jobs.body, /javascript:/, 'a link that is not https is dropped');
    assert.equal((await page(LAMPUNG, '/info/kualitas-udara')).status, 404);
    assert.equal((await page(JAKARTA, '/info/lowongan-kerja')).status, 404);
    // Row-level security: in Lampung's context, Jakarta's rows do not exist.
    const seen = await inTenant('lampung', () =>
      platform.app.get(TenantDatabase).transaction((m) => m.query<{ tenant_id: string }[]>(`SELECT DISTINCT tenant_id FROM feed_rows`)),
    );
    assert.deepEqual(seen, [{ tenant_id: 'lampung' }]);
  });

  test('the home pages show the latest values as widgets, with source and time', async () => {
    const jakarta = await page(JAKARTA, '/');
    assert.match(jakarta.body, /id="feed-harga-pangan"/);
    assert.match(jakarta.body, /Beras Medium[\s\S]*?rata-rata 2 pasar[\s\S]*?14\.750/, 'the average of the two markets on the latest day');
    assert.match(jakarta.body, /id="feed-kualitas-udara"[\s\S]*?PM2\.5/);
    assert.match(jakarta.body, /Angka per <time/);
    const lampung = await page(LAMPUNG, '/');
    assert.match(lampung.body, /id="feed-lowongan-kerja"[\s\S]*?Operator Mesin Penggilingan Padi/);
    assert.match(lampung.body, /id="feed-harga-pangan"[\s\S]*?Cabai Merah Keriting/);
  });

  test('food prices compare across the provinces that opt in, and only those', async () => {
    const res = await page(JAKARTA, '/info/perbandingan-harga');
    assert.equal(res.status, 200);
    assert.match(res.body, /Provinsi DKI Jakarta[\s\S]*Provinsi Lampung/);
    assert.match(
      res.body,
      /<th scope="row">Beras Medium<\/th>\s*<td class="num"><span class="feed-cell-label">Provinsi DKI Jakarta<\/span>14\.750[\s\S]*?<td class="num"><span class="feed-cell-label">Provinsi Lampung<\/span>13\.000/,
    );
    assert.doesNotMatch(res.body, /Bawang Merah|Pisang/, 'only commodities two provinces report');
    // What the comparison table holds: daily averages only, per tenant, never markets' rows.
    const published = await pg(`SELECT DISTINCT tenant_id FROM feed_price_comparison ORDER BY 1`);
    assert.deepEqual(
      published.map((r) => r.tenant_id),
      ['jakarta', 'lampung'],
    );
    // Reading it from Lampung's context goes through the published_comparison policy, and only it.
    const policies = await pg(`SELECT policyname, cmd FROM pg_policies WHERE tablename = 'feed_price_comparison' ORDER BY 1`);
    assert.deepEqual(
      policies.map((p) => [p.policyname, p.cmd]),
      [
        ['published_comparison', 'SELECT'],
        ['tenant_isolation', 'ALL'],
      ],
    );
    const outside = await asOwner(db.url, async (c) => {
      await c.query(`SET ROLE replika_app`);
      return (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM feed_price_comparison`)).rows[0].n;
    });
    assert.equal(outside, 0, 'no tenant context, nothing');
  });

  describe('the console', () => {
    test("lists the sources with their latest pull, and a source's history", async () => {
      const list = await admin.get('/admin/sumber-data');
      assert.equal(list.status, 200);
      assert.match(list.body, /id="source-harga-pangan"[\s\S]*?Berhasil/);
      const detail = await admin.get('/admin/sumber-data/harga-pangan');
      assert.equal(detail.status, 200);
      assert.match(detail.body, /id="pull-history"[\s\S]*?Berhasil[\s\S]*?18 \/ 0/);
      assert.equal(
        (await request(platform.url, '/admin/sumber-data', { host: JAKARTA, headers: { accept: 'text/html' } })).status,
        303,
        'signed out: to the sign-in page',
      );
    });

    test('a test pull shows the first rows of the form as typed, and stores nothing', async () => {
      const form = await admin.get('/admin/sumber-data/harga-pangan');
      const before = await pg(`SELECT count(*)::int AS n FROM feed_pulls`);
      const res = await admin.postForm('/admin/sumber-data/uji', {
        ...formValues(form.body),
        _csrf: csrfOf(form.body),
        field_place: '',
        field_region: '',
      });
      assert.equal(res.status, 200, res.body.slice(res.body.indexOf('<main'), res.body.indexOf('<main') + 1500));
      assert.match(
        res.body.slice(res.body.indexOf('id="trial"'), res.body.indexOf('id="trial"') + 600),
        /id="trial-counts">18 baris dari sumber: 9 diterima, 0 ditolak/,
        'without the market and region fields, the two markets are one series (the last row wins)',
      );
      assert.match(res.body, /id="trial-rows"[\s\S]*?Beras Medium/);
      assert.deepEqual(await pg(`SELECT count(*)::int AS n FROM feed_pulls`), before);
    });

    test('"Tarik sekarang" queues a pull of the source on the job queue', async () => {
      const form = await admin.get('/admin/sumber-data/kualitas-udara');
      const before = await pg<{ n: number }>(
        `SELECT count(*)::int AS n FROM feed_pulls WHERE feed = 'kualitas-udara' AND tenant_id = 'jakarta'`,
      );
      const res = await admin.postForm('/admin/sumber-data/kualitas-udara/tarik', { _csrf: csrfOf(form.body) });
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, '/admin/sumber-data/kualitas-udara?tarik=1');
      const deadline = Date.now() + 20_000;
      for (;;) {
        const [{ n }] = await pg<{ n: number }>(
          `SELECT count(*)::int AS n FROM feed_pulls WHERE feed = 'kualitas-udara' AND tenant_id = 'jakarta' AND status = 'ok'`,
        );
        if (n > before[0].n) break;
        assert.ok(Date.now() < deadline, 'the queued pull ran');
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal((await admin.postForm('/admin/sumber-data/tidak-ada/tarik', { _csrf: csrfOf(form.body) })).status, 404);
    });

    test('an invalid source is refused with a message per field; a valid edit becomes a revision', async () => {
      const form = await admin.get('/admin/sumber-data/harga-pangan');
      const values = { ...formValues(form.body), _csrf: csrfOf(form.body) };
      const bad = await admin.postForm('/admin/sumber-data', {
        ...values,
        url: 'ftp://infopangan.jakarta.go.id/x',
        schedule: 'setiap jam',
        field_item: '',
      });
      assert.equal(bad.status, 422);
      assert.match(bad.body, /Alamat harus berupa URL http\(s\)/);
      assert.match(bad.body, /Jadwal harus berupa ekspresi cron/);
      assert.match(bad.body, /Kolom utama \(komoditas, parameter atau posisi\) wajib dipetakan/);
      const badTrial = await admin.postForm('/admin/sumber-data/uji', { ...values, url: 'bukan url' });
      assert.equal(badTrial.status, 422);
      const saved = await admin.postForm('/admin/sumber-data', { ...values, staleAfterHours: '12', message: 'Batas usang 12 jam' });
      assert.equal(saved.status, 303, saved.body.slice(0, 500));
      assert.match(String(saved.headers.location), /^\/admin\/sumber-data\/harga-pangan\?tersimpan=\d+$/);
      assert.equal(platform.app.get(TenantRegistry).getOrThrow('jakarta').config.feeds!['harga-pangan'].staleAfterHours, 12);
    });
  });

  describe('a hostile source harms nothing', () => {
    const cases: [Hostile, string, RegExp?][] = [
      ['timeout', 'timeout'],
      ['huge', 'too-large'],
      ['endless', 'timeout'],
      ['all-rows-malformed', 'no-valid-rows'],
      ['malformed-json', 'malformed'],
      ['wrong-encoding', 'bad-encoding', /not valid UTF-8/],
      ['redirect-loopback', 'private-address', /127\.0\.0\.2/],
      ['redirect-private', 'private-address', /10\.0\.0\.1/],
      ['redirect-metadata', 'private-address', /169\.254\.169\.254/],
      ['html', 'html-instead-of-data'],
      ['server-error', 'http-status'],
    ];
    for (const [hostile, reason, detail] of cases) {
      test(`${hostile}: a failed pull with reason '${reason}'; the last good data stays; Lampung does not notice`, async () => {
        fixtures.hostile.set(PATHS.jakartaFood, hostile);
        try {
          const outcome = await pull('jakarta', 'harga-pangan');
          assert.equal(outcome.ok, false);
          const recorded = await latestPull('jakarta', 'harga-pangan');
          assert.equal(recorded.status, 'failed');
          assert.equal(recorded.reason, reason, recorded.detail ?? undefined);
          if (detail) assert.match(recorded.detail ?? '', detail);
        } finally {
          fixtures.hostile.delete(PATHS.jakartaFood);
        }
        const jakarta = await page(JAKARTA, '/info/harga-pangan');
        assert.equal(jakarta.status, 200);
        assert.match(jakarta.body, /14\.500/, 'the last good figures are still shown');
        assert.match(
          jakarta.body,
          /Data dari Dinas Ketahanan Pangan, Kelautan dan Pertanian Provinsi DKI Jakarta \(Info Pangan Jakarta\), belum diperbarui sejak \d/,
        );
        const home = await page(JAKARTA, '/');
        assert.match(home.body, /belum diperbarui sejak/);
        const lampung = await page(LAMPUNG, '/info/harga-pangan');
        assert.doesNotMatch(lampung.body, /belum diperbarui/);
        assert.match(lampung.body, /Pisang Kepok/);
      });
    }

    test('a redirect to an allowed address is followed', async () => {
      fixtures.hostile.set(PATHS.jakartaFood, 'redirect-allowed');
      assert.equal((await pull('jakarta', 'harga-pangan')).ok, true);
      assert.equal((await latestPull('jakarta', 'harga-pangan')).status, 'ok');
    });

    test("a redirect to the platform's own network is never followed", () => {
      assert.equal(fixtures.hits.get('inner') ?? 0, 0);
    });

    test('malformed rows are rejected one by one and counted; the good rows of the pull are stored', async () => {
      fixtures.hostile.set(PATHS.jakartaFood, 'malformed-rows');
      try {
        assert.equal((await pull('jakarta', 'harga-pangan')).ok, true);
      } finally {
        fixtures.hostile.delete(PATHS.jakartaFood);
      }
      const recorded = await latestPull('jakarta', 'harga-pangan');
      assert.equal(recorded.status, 'ok');
      assert.equal(recorded.rows_accepted, 18);
      assert.equal(recorded.rows_rejected, 5);
      assert.deepEqual(
        recorded.rejects.map((r) => r.reason),
        ['bad-date', 'missing-item', 'bad-value', 'not-an-object', 'not-an-object'],
      );
      const history = await admin.get('/admin/sumber-data/harga-pangan');
      assert.match(history.body, /Baris 19: tanggal tidak terbaca \(<code>kemarin<\/code>\)/);
      assert.match(history.body, /Pengodean karakter sumber salah/, 'earlier failures are in the history with their reason');
      const jakarta = await page(JAKARTA, '/info/harga-pangan');
      assert.doesNotMatch(jakarta.body, /belum diperbarui|Gula Pasir|Minyak Goreng/);
    });
  });
});

/** The values a form page holds (inputs, selected options, ticked boxes), as a browser would post them. */
function formValues(html: string): Record<string, string> {
  const form = html.slice(html.indexOf('id="feed-form"'), html.indexOf('</form>', html.indexOf('id="feed-form"')));
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input id="[^"]*" name="([^"]+)" type="(?:text|url)" value="([^"]*)"/g)) out[m[1]] = decode(m[2]);
  for (const m of form.matchAll(/<input type="hidden" name="(mode|code)" value="([^"]*)"/g)) out[m[1]] = decode(m[2]);
  for (const m of form.matchAll(/<select id="[^"]*" name="([^"]+)">([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(m[2]);
    out[m[1]] = decode(selected?.[1] ?? /<option value="([^"]*)"/.exec(m[2])?.[1] ?? '');
  }
  for (const m of form.matchAll(/<input type="checkbox" id="[^"]*" name="([^"]+)" value="on" checked>/g)) out[m[1]] = 'on';
  return out;
}

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x2F;/g, '/')
    .replace(/&#x60;/g, '`');
}
