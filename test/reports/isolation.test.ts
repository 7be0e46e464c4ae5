import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AccountsService, AccountView } from '@app/accounts';
import { Actor, parseSubmission, ReportActionsService, ReportsService } from '@app/reports';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { pageCsrfToken } from '../support/csrf';
import { request, Response } from '../support/http';
import { testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';

const LAMPUNG = 'lampung.localhost';
const PASSWORD = 'kata-sandi-uji-123';

/**
 * Tenant B (Lampung) asking for tenant A's (Jakarta's) reports, through every
 * report route, as anonymous and as each of B's roles: the report does not
 * exist there, and no write aimed at it changes anything.
 */
describe('isolation of reports across tenants, on every report route', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let open: { ticket: string; token: string; photoId: string };
  let done: { ticket: string; token: string };
  const sessions: Record<string, string> = {};
  let csrf: { cookie: string; token: string };

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    const context = platform.app.get(TenantContext);
    const registry = platform.app.get(TenantRegistry);
    const reports = platform.app.get(ReportsService);
    const actions = platform.app.get(ReportActionsService);
    const accounts = platform.app.get(AccountsService);
    const jakarta = registry.getOrThrow('jakarta');

    // Jakarta: one open public report, one accepted (Selesai) report awaiting its rating.
    const staff = await context.run(jakarta, async () => ({
      officer: await accounts.createStaff({
        email: 'petugas@jakarta.test',
        password: PASSWORD,
        displayName: 'Petugas',
        role: 'officer',
        agencyCode: 'sudin-bina-marga-jakarta-selatan',
      }),
      validator: await accounts.createStaff({
        email: 'validator@jakarta.test',
        password: PASSWORD,
        displayName: 'Validator',
        role: 'validator',
      }),
    }));
    const actor = (a: AccountView): Actor => ({ accountId: a.id, role: a.role, agencyCode: a.agencyCode, regionCode: a.regionCode });
    const file = async (seed: number) =>
      context.run(jakarta, async () =>
        reports.submit(
          parseSubmission({
            category: 'jalan-rusak',
            latitude: '-6.2440',
            longitude: '106.8000',
            description: 'Jalan rusak di Jakarta Selatan, uji isolasi.',
            privacy: 'public',
          }),
          { reporterAccountId: null, photos: [{ data: await testPhoto(seed) }], photoRequired: true, channel: 'api' },
        ),
      );
    const first = await file(201);
    const photos = await context.run(jakarta, () => reports.photos(first.report));
    open = { ticket: first.report.ticketNo, token: first.trackingToken!, photoId: photos[0].id };
    const second = await file(202);
    const evidence = { before: [{ data: await testPhoto(203) }], after: [{ data: await testPhoto(204) }] };
    await context.run(jakarta, async () => {
      await actions.act(actor(staff.officer), second.report.ticketNo, { action: 'proses' });
      await actions.act(actor(staff.officer), second.report.ticketNo, { action: 'tindak-lanjut' }, evidence);
      await actions.act(actor(staff.validator), second.report.ticketNo, { action: 'terima' });
    });
    done = { ticket: second.report.ticketNo, token: second.trackingToken! };

    // Lampung: a citizen, an officer, a validator and an admin, each signed in.
    const lampung = registry.getOrThrow('lampung');
    await context.run(lampung, async () => {
      const made = [
        await accounts.registerCitizen({ email: 'warga@lampung.test', password: PASSWORD, displayName: 'Warga' }, '127.0.0.1'),
        await accounts.createStaff({
          email: 'petugas@lampung.test',
          password: PASSWORD,
          displayName: 'Petugas',
          role: 'officer',
          agencyCode: 'dinas-bmbk',
        }),
        await accounts.createStaff({ email: 'validator@lampung.test', password: PASSWORD, displayName: 'Validator', role: 'validator' }),
        await accounts.createStaff({ email: 'admin@lampung.test', password: PASSWORD, displayName: 'Admin', role: 'admin' }),
      ];
      for (const account of made) sessions[account.role] = (await accounts.startSession(account)).token;
    });
    const form = await request(platform.url, '/laporan/baru', { host: LAMPUNG, headers: { accept: 'text/html' } });
    csrf = {
      cookie: String(form.headers['set-cookie']).split(';')[0],
      token: /name="_csrf" value="([^"]+)"/.exec(form.body)![1],
    };
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  const callers = ['anonymous', 'citizen', 'officer', 'validator', 'admin'] as const;

  async function as(
    caller: (typeof callers)[number],
    path: string,
    options: { method?: string; form?: Record<string, string>; json?: object; api?: boolean } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: options.api ? 'application/json' : 'text/html' };
    const token = caller === 'anonymous' ? undefined : sessions[caller];
    if (options.api && token) headers.authorization = `Bearer ${token}`;
    headers.cookie = [csrf.cookie, !options.api && token ? `sid=${token}` : ''].filter(Boolean).join('; ');
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      // Tokens are bound to the session: a signed-in caller uses the one its own pages show.
      const sessionToken = !options.api && token ? await pageCsrfToken(platform.url, LAMPUNG, headers.cookie) : csrf.token;
      body = new URLSearchParams({ _csrf: sessionToken, ...options.form }).toString();
    } else if (options.json) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    return request(platform.url, path, { host: LAMPUNG, method: options.method ?? 'GET', headers, body });
  }

  for (const caller of callers) {
    test(`${caller} of Lampung: Jakarta's reports are 404 on every read route`, async () => {
      const reads: [string, boolean][] = [
        [`/api/reports/${open.ticket}`, true],
        [`/api/reports/${open.ticket}?token=${open.token}`, true],
        [`/laporan/publik/${open.ticket}`, false],
        [`/laporan/lacak?tiket=${open.ticket}&token=${open.token}`, false],
        [`/laporan/foto/${open.photoId}`, false],
        [`/laporan/foto/${open.photoId}?token=${open.token}`, false],
        [`/open311/v2/requests/${open.ticket}.json`, true],
        [`/open311/v2/requests/${open.ticket}.xml`, true],
        [`/open311/v2/tokens/${open.ticket}.json`, true],
      ];
      if (caller === 'citizen') reads.push([`/laporan/saya/${open.ticket}`, false]);
      if (caller === 'officer' || caller === 'validator' || caller === 'admin') reads.push([`/konsol/laporan/${open.ticket}`, false]);
      for (const [path, api] of reads) {
        const res = await as(caller, path, { api });
        assert.equal(res.status, 404, `${caller} GET ${path} → ${res.status}`);
        assert.doesNotMatch(res.body, /uji isolasi|Jakarta Selatan/, `${caller} GET ${path} leaks content`);
      }
    });

    test(`${caller} of Lampung: Jakarta's reports are in no list`, async () => {
      for (const path of [
        '/api/reports',
        '/open311/v2/requests.json',
        `/open311/v2/requests.json?service_request_id=${open.ticket},${done.ticket}`,
      ]) {
        assert.doesNotMatch((await as(caller, path, { api: true })).body, new RegExp(`${open.ticket}|${done.ticket}`), path);
      }
      for (const path of [
        '/laporan/publik',
        ...(caller === 'citizen' ? ['/laporan/saya'] : []),
        ...(caller === 'officer' || caller === 'admin' ? ['/konsol', '/konsol?state=closed'] : []),
      ]) {
        const res = await as(caller, path);
        assert.equal(res.status, 200, path);
        assert.doesNotMatch(res.body, new RegExp(`${open.ticket}|${done.ticket}`), path);
      }
    });

    test(`${caller} of Lampung: writes aimed at Jakarta's reports are refused and change nothing`, async () => {
      const writes: [string, { form?: Record<string, string>; json?: object; api?: boolean }][] = [
        [`/api/reports/${open.ticket}/supports`, { api: true }],
        [`/api/reports/${done.ticket}/rating`, { api: true, json: { rating: 1, token: done.token } }],
        [`/laporan/publik/${open.ticket}/dukung`, { form: {} }],
        ['/laporan/lacak/nilai', { form: { tiket: done.ticket, token: done.token, rating: '1', comment: 'x' } }],
      ];
      if (caller === 'citizen') writes.push([`/laporan/saya/${done.ticket}/nilai`, { form: { rating: '1' } }]);
      if (caller !== 'anonymous' && caller !== 'citizen')
        writes.push([`/konsol/laporan/${open.ticket}/tindakan`, { form: { action: 'proses', note: 'dari Lampung' } }]);
      for (const [path, options] of writes) {
        const res = await as(caller, path, { ...options, method: 'POST' });
        assert.equal(res.status, 404, `${caller} POST ${path} → ${res.status} ${res.body.slice(0, 200)}`);
      }
    });
  }

  test("Jakarta's reports are exactly as they were", async () => {
    const rows = await asOwner(
      db.url,
      async (c) =>
        (
          await c.query<Record<string, unknown>>(
            `SELECT ticket_no, status, supports_count, rating, (SELECT count(*)::int FROM report_events e WHERE e.report_id = r.id) AS events
         FROM reports r WHERE tenant_id = 'jakarta' ORDER BY ticket_no`,
          )
        ).rows,
    );
    assert.deepEqual(rows, [
      { ticket_no: open.ticket, status: 'menunggu', supports_count: 0, rating: null, events: 2 },
      { ticket_no: done.ticket, status: 'selesai', supports_count: 0, rating: null, events: 5 },
    ]);
    const lampungRows = await asOwner(
      db.url,
      async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_supports WHERE tenant_id = 'lampung'`)).rows[0].n,
    );
    assert.equal(lampungRows, 0);
  });

  test('ticket numbers reveal nothing across tenants: an unknown ticket and a foreign one answer alike', async () => {
    const foreign = await as('anonymous', `/api/reports/${open.ticket}`, { api: true });
    const unknown = await as('anonymous', '/api/reports/LP2511289999', { api: true });
    assert.equal(foreign.status, unknown.status);
    assert.equal(foreign.body, unknown.body);
  });
});
