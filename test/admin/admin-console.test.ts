import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { AccountsService, AccountView, totpCode } from '@app/accounts';
import { AuditService } from '@app/audit';
import { Clock } from '@app/config';
import { APP_ROLE } from '@app/database';
import { Open311KeyService } from '@app/open311';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { pageCsrfToken } from '../support/csrf';
import { request, Response } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ApiErrorJson } from '../support/api';

const HTML = { accept: 'text/html,application/xhtml+xml' };
const FORM = { ...HTML, 'content-type': 'application/x-www-form-urlencoded' };
const JAKARTA = 'jakarta.localhost';
const LAMPUNG = 'lampung.localhost';
const PASSWORD = 'kata-sandi-uji-123';

function setCookie(res: Response, name: string): string | undefined {
  const raw = res.headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const line = lines.find((l) => l.startsWith(`${name}=`));
  return line?.split(';')[0].split('=').slice(1).join('=');
}

function formToken(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  assert.ok(match, 'the page has a CSRF token');
  return match[1];
}

/** A browser on one host: its cookies, and the CSRF token of the last page with a form. */
class Browser {
  cookies: Record<string, string> = {};
  token = '';
  constructor(
    private readonly platform: RunningPlatform,
    readonly host: string,
  ) {}

  get cookie(): string {
    return Object.entries(this.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }

  async get(path: string): Promise<Response> {
    const res = await request(this.platform.url, path, { host: this.host, headers: { ...HTML, cookie: this.cookie } });
    this.keep(res);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.token = m[1];
    return res;
  }

  async post(path: string, fields: Record<string, string>, withToken = true): Promise<Response> {
    // Tokens are bound to the session: after signing in (or out) a browser has a new one once it loads a page.
    if (!this.token) await this.get(this.cookies.sid ? '/' : '/masuk');
    const body = new URLSearchParams({ ...(withToken ? { _csrf: this.token } : {}), ...fields }).toString();
    const res = await request(this.platform.url, path, {
      host: this.host,
      method: 'POST',
      headers: { ...FORM, cookie: this.cookie },
      body,
    });
    this.keep(res);
    return res;
  }

  private keep(res: Response): void {
    for (const name of ['sid', 'csrf']) {
      const value = setCookie(res, name);
      if (name === 'sid' && value !== undefined && value !== this.cookies.sid) this.token = '';
      if (value !== undefined) {
        if (value) this.cookies[name] = value;
        else delete this.cookies[name];
      }
    }
  }
}

describe('admin console: TOTP sign-in, idle expiry, users, keys, audit, isolation', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let offsetMs = 0;
  const ids: Record<string, string> = {};
  let lampungAdminSid = '';

  const asTenant = <T>(slug: string, fn: () => Promise<T>): Promise<T> =>
    platform.app.get(TenantContext).run(platform.app.get(TenantRegistry).getOrThrow(slug), fn);
  const now = () => platform.app.get(Clock).now();
  const advance = (ms: number) => {
    offsetMs += ms;
  };

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, SESSION_SECRET: 'uji-'.repeat(10) });
    const clock = platform.app.get(Clock);
    clock.now = () => new Date(Date.now() + offsetMs);
    const accounts = platform.app.get(AccountsService);
    const keys = platform.app.get(Open311KeyService);
    await asTenant('jakarta', async () => {
      ids.jakartaAdmin = (
        await accounts.createStaff({ email: 'admin@jakarta.test', password: PASSWORD, displayName: 'Admin Jakarta', role: 'admin' })
      ).id;
      ids.jakartaOfficer = (
        await accounts.createStaff({
          email: 'petugas@jakarta.test',
          password: PASSWORD,
          displayName: 'Petugas Jakarta',
          role: 'officer',
          agencyCode: 'sudin-bina-marga-jakarta-selatan',
        })
      ).id;
      ids.jakartaKey = (await keys.issue('Mitra Jakarta')).id;
    });
    await asTenant('lampung', async () => {
      const admin = await accounts.createStaff({
        email: 'admin@lampung.test',
        password: PASSWORD,
        displayName: 'Admin Lampung',
        role: 'admin',
      });
      ids.lampungAdmin = admin.id;
      lampungAdminSid = (await accounts.startSession(admin)).token;
      ids.lampungKey = (await keys.issue('Mitra Lampung')).id;
    });
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  async function secretShownAt(b: Browser): Promise<string> {
    const page = await b.get('/masuk/kode');
    assert.equal(page.status, 200);
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)?.[1];
    assert.ok(secret, 'the enrollment page shows the secret');
    const uri = /id="totp-uri">([^<]+)</
      .exec(page.body)?.[1]
      ?.replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    assert.equal(uri, `otpauth://totp/JAKI:admin%40jakarta.test?secret=${secret}&issuer=JAKI`);
    // The QR code is an SVG from this origin, for the half signed-in account only.
    assert.match(page.body, /<img id="totp-qr" src="\/masuk\/kode\/qr\.svg"/);
    const qr = await b.get('/masuk/kode/qr.svg');
    assert.equal(qr.status, 200);
    assert.match(String(qr.headers['content-type']), /^image\/svg\+xml/);
    assert.match(qr.body, /^<svg[^>]*viewBox/);
    assert.equal((await request(platform.url, '/masuk/kode/qr.svg', { host: JAKARTA })).status, 404, 'no QR code without the session');
    return secret;
  }

  let jakartaSecret = '';
  let recoveryCodes: string[] = [];

  test('an admin of a tenant requiring TOTP enrolls at first sign-in; the pending session opens nothing', async () => {
    const b = new Browser(platform, JAKARTA);
    await b.get('/masuk');
    const signIn = await b.post('/masuk', { email: 'admin@jakarta.test', password: PASSWORD, next: '/admin' });
    assert.equal(signIn.status, 303);
    assert.equal(signIn.headers.location, '/masuk/kode?next=%2Fadmin');
    const blocked = await b.get('/admin');
    assert.equal(blocked.status, 303, 'a pending session is not signed in');
    assert.match(String(blocked.headers.location), /^\/masuk\?next=/);
    jakartaSecret = await secretShownAt(b);
    const rows = await asOwner(
      db.url,
      async (c) => (await c.query<{ totp_secret: string }>(`SELECT totp_secret FROM accounts WHERE email = 'admin@jakarta.test'`)).rows,
    );
    assert.match(rows[0].totp_secret, /^v1\./, 'sealed with a key derived from SESSION_SECRET');
    assert.ok(!String(rows[0].totp_secret).includes(jakartaSecret), 'the secret is not stored in clear text');
    const wrong = await b.post('/masuk/kode', { code: '000000', next: '/admin' });
    assert.equal(wrong.status, 422);
    assert.match(wrong.body, /Kode salah/);
    const ok = await b.post('/masuk/kode', { code: totpCode(jakartaSecret, now()), next: '/admin' });
    // Enrolled: the recovery codes, shown once, then on to where the admin was going.
    assert.equal(ok.status, 200);
    recoveryCodes = [...ok.body.matchAll(/<li><code>([A-Z2-9]{5}-[A-Z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
    assert.equal(recoveryCodes.length, 10);
    assert.match(ok.body, /id="continue" href="\/admin"|href="\/admin" id="continue"/);
    const stored = await asOwner(
      db.url,
      async (c) =>
        (await c.query<{ h: string }>(`SELECT totp_recovery_hashes::text AS h FROM accounts WHERE email = 'admin@jakarta.test'`)).rows[0].h,
    );
    for (const code of recoveryCodes) assert.ok(!stored.includes(code), 'only hashes are stored');
    assert.equal((await b.get('/masuk/kode/qr.svg')).status, 404, 'no QR code once enrolled');
    const dashboard = await b.get('/admin');
    assert.equal(dashboard.status, 200);
    assert.match(dashboard.body, /id="stat-total">0</);
    assert.match(dashboard.body, /id="stat-overdue">0</);
    assert.match(dashboard.body, /href="\/admin\/tampilan"/, 'the navigation links every admin page');
    assert.match(dashboard.body, /href="\/admin\/berita"/);
    const audit = await platform.app
      .get(TenantContext)
      .run(platform.app.get(TenantRegistry).getOrThrow('jakarta'), () => platform.app.get(AuditService).find({ action: 'totp.enroll' }));
    assert.equal(audit.items.length, 1);
  });

  test('after enrollment: wrong code refused, right code signs in, the same code cannot be replayed', async () => {
    advance(60_000);
    const b = new Browser(platform, JAKARTA);
    await b.get('/masuk');
    assert.equal((await b.post('/masuk', { email: 'admin@jakarta.test', password: PASSWORD })).status, 303);
    const form = await b.get('/masuk/kode');
    assert.doesNotMatch(form.body, /totp-secret/, 'no secret is shown once enrolled');
    assert.equal((await b.post('/masuk/kode', { code: '123456' })).status, 422);
    const code = totpCode(jakartaSecret, now());
    assert.equal((await b.post('/masuk/kode', { code })).status, 303);
    assert.equal((await b.get('/admin')).status, 200);

    const again = new Browser(platform, JAKARTA);
    await again.get('/masuk');
    await again.post('/masuk', { email: 'admin@jakarta.test', password: PASSWORD });
    await again.get('/masuk/kode');
    const replay = await again.post('/masuk/kode', { code });
    assert.equal(replay.status, 422, 'a used code is refused within its window');
    assert.equal((await again.get('/admin')).status, 303);
  });

  test('a recovery code signs in instead of a TOTP code, once', async () => {
    const b = new Browser(platform, JAKARTA);
    await b.get('/masuk');
    await b.post('/masuk', { email: 'admin@jakarta.test', password: PASSWORD });
    await b.get('/masuk/kode');
    const used = await b.post('/masuk/kode', { code: recoveryCodes[0].toLowerCase(), next: '/admin' });
    assert.equal(used.status, 303, 'case does not matter');
    assert.equal((await b.get('/admin')).status, 200);
    assert.match((await b.get('/admin/keamanan')).body, /Sisa kode pemulihan: 9\./);

    const again = new Browser(platform, JAKARTA);
    await again.get('/masuk');
    await again.post('/masuk', { email: 'admin@jakarta.test', password: PASSWORD });
    await again.get('/masuk/kode');
    assert.equal((await again.post('/masuk/kode', { code: recoveryCodes[0] })).status, 422, 'a recovery code works once');
    assert.equal((await again.post('/masuk/kode', { code: 'ABCDE-FGH23' })).status, 422);
    assert.equal((await again.get('/admin')).status, 303);
  });

  test('the password alone through the API does not sign a TOTP admin in', async () => {
    const res = await request(platform.url, '/api/sessions', {
      host: JAKARTA,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email: 'admin@jakarta.test', password: PASSWORD }),
    });
    assert.equal(res.status, 401);
    assert.equal(res.json<ApiErrorJson>().error, 'totp-required');
  });

  test('codes are rate-limited', async () => {
    advance(60_000);
    const b = new Browser(platform, JAKARTA);
    await b.get('/masuk');
    await b.post('/masuk', { email: 'admin@jakarta.test', password: PASSWORD });
    await b.get('/masuk/kode');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await b.post('/masuk/kode', { code: '000001' })).status);
      assert.deepEqual(statuses.slice(-1), [429], `wrong codes: ${statuses.join(', ')}`);
      assert.ok(statuses.filter((s) => s === 422).length <= 5);
      const limited = await b.post('/masuk/kode', { code: totpCode(jakartaSecret, now()) });
      assert.equal(limited.status, 429, 'even the right code waits for the window to end');
    } finally {
      advance(16 * 60_000);
    }
  });

  async function jakartaAdmin(): Promise<Browser> {
    advance(31_000);
    const b = new Browser(platform, JAKARTA);
    await b.get('/masuk');
    await b.post('/masuk', { email: 'admin@jakarta.test', password: PASSWORD });
    await b.get('/masuk/kode');
    assert.equal((await b.post('/masuk/kode', { code: totpCode(jakartaSecret, now()) })).status, 303);
    return b;
  }

  test('admin sessions expire when idle; an officer keeps the 7-day session', async () => {
    const admin = await jakartaAdmin();
    const officer = new Browser(platform, JAKARTA);
    await officer.get('/masuk');
    assert.equal(
      (await officer.post('/masuk', { email: 'petugas@jakarta.test', password: PASSWORD })).status,
      303,
      'staff without TOTP sign in with the password',
    );
    advance(20 * 60_000);
    assert.equal((await admin.get('/admin')).status, 200, 'activity within 30 minutes keeps the session');
    advance(29 * 60_000);
    assert.equal((await admin.get('/admin')).status, 200);
    advance(31 * 60_000);
    const expired = await admin.get('/admin');
    assert.equal(expired.status, 303, 'idle for 31 minutes: signed out');
    assert.match(String(expired.headers.location), /^\/masuk/);
    assert.equal((await officer.get('/akun')).status, 200, 'the officer is still signed in');
  });

  test('invite an officer, accept the link, sign in as the officer; the link works once', async () => {
    const admin = await jakartaAdmin();
    await admin.get('/admin/pengguna');
    const invited = await admin.post('/admin/pengguna', {
      email: 'baru@jakarta.test',
      displayName: 'Petugas Baru',
      role: 'officer',
      agencyCode: 'sudin-bina-marga-jakarta-selatan',
      regionCode: '',
    });
    assert.equal(invited.status, 200);
    const link = /id="invitation-link">[^<]*?(\/undangan\/[A-Za-z0-9_-]{43})</.exec(invited.body)?.[1];
    assert.ok(link, 'the one-time link is shown to the admin');
    const stored = await asOwner(
      db.url,
      async (c) => (await c.query<{ token_hash: string }>('SELECT token_hash FROM account_invitations')).rows,
    );
    assert.ok(
      stored.every((r: { token_hash: string }) => !link.includes(r.token_hash) && /^[0-9a-f]{64}$/.test(r.token_hash)),
      'only the hash is stored',
    );

    const bad = await admin.post('/admin/pengguna', {
      email: 'x@jakarta.test',
      displayName: 'X',
      role: 'officer',
      agencyCode: 'dinas-bmbk',
    });
    assert.equal(bad.status, 422, "another tenant's agency is refused");
    const badRole = await admin.post('/admin/pengguna', { email: 'y@jakarta.test', displayName: 'Y', role: 'admin' });
    assert.equal(badRole.status, 422);

    const before = new Browser(platform, JAKARTA);
    await before.get('/masuk');
    assert.equal(
      (await before.post('/masuk', { email: 'baru@jakarta.test', password: 'apa-saja-123456' })).status,
      422,
      'no password works before acceptance',
    );

    const invitee = new Browser(platform, JAKARTA);
    const page = await invitee.get(link);
    assert.equal(page.status, 200);
    assert.match(page.body, /baru@jakarta.test/);
    const accepted = await invitee.post(link, { password: 'sandi-baru-petugas-1' });
    assert.equal(accepted.status, 303);
    assert.equal((await invitee.get(link)).status, 404, 'the link is used up');
    await invitee.get('/masuk');
    assert.equal((await invitee.post('/masuk', { email: 'baru@jakarta.test', password: 'sandi-baru-petugas-1' })).status, 303);
    assert.equal((await invitee.get('/konsol/laporan')).status, 200, 'signed in as an officer');

    advance(73 * 3600_000);
    const late = await admin.post('/admin/pengguna', { email: 'lambat@jakarta.test', displayName: 'Lambat', role: 'validator' });
    assert.equal(late.status, 303, 'the idle admin session has ended');
  });

  test('an invitation expires after 72 hours', async () => {
    const admin = await jakartaAdmin();
    await admin.get('/admin/pengguna');
    const invited = await admin.post('/admin/pengguna', { email: 'telat@jakarta.test', displayName: 'Telat', role: 'validator' });
    const link = /(\/undangan\/[A-Za-z0-9_-]{43})</.exec(invited.body)![1];
    advance(72 * 3600_000 + 60_000);
    assert.equal((await new Browser(platform, JAKARTA).get(link)).status, 404);
  });

  test('change scope, then disable: the officer is signed out everywhere', async () => {
    const officer = new Browser(platform, JAKARTA);
    await officer.get('/masuk');
    await officer.post('/masuk', { email: 'petugas@jakarta.test', password: PASSWORD });
    assert.equal((await officer.get('/akun')).status, 200);
    const admin = await jakartaAdmin();
    await admin.get('/admin/pengguna');
    const badScope = await admin.post(`/admin/pengguna/${ids.jakartaOfficer}/cakupan`, { agencyCode: 'no-such-agency' });
    assert.equal(badScope.status, 422);
    const scope = await admin.post(`/admin/pengguna/${ids.jakartaOfficer}/cakupan`, {
      agencyCode: 'sudin-bina-marga-jakarta-selatan',
      regionCode: '31.74',
    });
    assert.equal(scope.status, 303);
    const noToken = await admin.post(`/admin/pengguna/${ids.jakartaOfficer}/nonaktifkan`, {}, false);
    assert.equal(noToken.status, 403, 'CSRF is checked on admin forms');
    const disable = await admin.post(`/admin/pengguna/${ids.jakartaOfficer}/nonaktifkan`, {});
    assert.equal(disable.status, 303);
    assert.equal((await officer.get('/akun')).status, 303, 'the disabled officer is signed out');
    const sessions = await asOwner(
      db.url,
      async (c) =>
        (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE account_id = $1', [ids.jakartaOfficer])).rows[0].n,
    );
    assert.equal(sessions, 0);
  });

  test('issue a key (shown once), revoke it: the revoked key no longer submits', async () => {
    const admin = await jakartaAdmin();
    await admin.get('/admin/kunci-api');
    const issued = await admin.post('/admin/kunci-api', { name: 'FixMyStreet Uji' });
    assert.equal(issued.status, 200);
    const key = /id="issued-key">(o311_[A-Za-z0-9_-]{43})</.exec(issued.body)?.[1];
    assert.ok(key);
    const list = await admin.get('/admin/kunci-api');
    assert.match(list.body, /FixMyStreet Uji/);
    assert.ok(!list.body.includes(key), 'the key is shown only once');
    const submit = () =>
      request(platform.url, '/open311/v2/requests.json', {
        host: JAKARTA,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          api_key: key,
          service_code: 'jalan-rusak',
          lat: '-6.244',
          long: '106.8',
          description: 'Lubang besar di jalan, uji kunci API.',
        }).toString(),
      });
    const live = await submit();
    assert.notEqual(live.status, 403, `a live key submits (${live.status} ${live.body})`);
    const row = list.body.split('<tr>').find((r) => r.includes('FixMyStreet Uji'))!;
    const keyId = /href="\/admin\/kunci-api\/([0-9a-f-]{36})\/cabut"/.exec(row)?.[1];
    assert.ok(keyId);
    const asked = await admin.post(`/admin/kunci-api/${keyId}/cabut`, {});
    assert.equal(asked.status, 200, 'an unconfirmed revocation only asks');
    assert.match(asked.body, /id="confirm-form"/);
    assert.equal((await admin.post(`/admin/kunci-api/${keyId}/cabut`, { confirm: 'yes' })).status, 303);
    assert.equal((await submit()).status, 403);
    assert.equal(
      (await admin.post(`/admin/kunci-api/${keyId}/cabut`, { confirm: 'yes' })).status,
      404,
      'a revoked key cannot be revoked again',
    );
  });

  test('the audit page shows the actions with their address, and filters work', async () => {
    const admin = await jakartaAdmin();
    const all = await admin.get('/admin/audit');
    assert.equal(all.status, 200);
    for (const action of ['user.invite', 'user.scope', 'user.disable', 'open311.key.issue', 'open311.key.revoke', 'totp.enroll']) {
      assert.match(all.body, new RegExp(`data-action="${action.replace(/\./g, '\\.')}"`), action);
    }
    assert.match(all.body, /127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/, 'the client address is recorded');
    const users = await admin.get('/admin/audit?action=user.');
    assert.match(users.body, /data-action="user\.invite"/);
    assert.doesNotMatch(users.body, /data-action="open311\.key/);
    const byCli = await admin.get('/admin/audit?actor=cli');
    assert.match(byCli.body, /Mitra Jakarta/);
    assert.doesNotMatch(byCli.body, /data-action="user\./);
    const future = await admin.get('/admin/audit?from=2999-01-01');
    assert.match(future.body, /Tidak ada entri yang cocok/);
    const past = await admin.get('/admin/audit?to=2000-01-01');
    assert.match(past.body, /Tidak ada entri yang cocok/);
    assert.doesNotMatch(all.body, /Mitra Lampung|admin@lampung/, "no other tenant's entries");
  });

  test('the audit log is append-only: the app role cannot UPDATE or DELETE it, even in its tenant', async () => {
    const url = new URL(db.url);
    url.username = APP_ROLE;
    const c = new Client({ connectionString: url.toString() });
    await c.connect();
    try {
      for (const statement of [`UPDATE audit_log SET summary = 'forged'`, 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
        await c.query('BEGIN');
        await c.query(`SELECT set_config('app.tenant_id', 'jakarta', true)`);
        const visible = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
        assert.ok(visible > 0, 'the app role reads its tenant entries');
        await assert.rejects(c.query(statement), (e: { code?: string }) => e.code === '42501', statement);
        await c.query('ROLLBACK');
      }
    } finally {
      await c.end();
    }
  });

  describe('isolation: Lampung admin on Lampung host', () => {
    const lampung = (path: string, method = 'GET', fields?: Record<string, string>, sid: string | null = lampungAdminSid) =>
      lampungRequest(path, method, fields, sid);
    let csrf = { cookie: '', token: '' };
    before(async () => {
      // A fresh session: the clock has moved on by days, past the admin's idle limit.
      const accounts = platform.app.get(AccountsService);
      await asTenant('lampung', async () => {
        lampungAdminSid = (await accounts.startSession((await accounts.findByEmail('admin@lampung.test'))!)).token;
      });
    });
    async function lampungRequest(path: string, method: string, fields: Record<string, string> | undefined, sid: string | null) {
      if (!csrf.token) {
        const page = await request(platform.url, '/masuk', { host: LAMPUNG, headers: HTML });
        csrf = { cookie: `csrf=${setCookie(page, 'csrf')}`, token: formToken(page.body) };
      }
      const cookie = [csrf.cookie, sid ? `sid=${sid}` : ''].filter(Boolean).join('; ');
      const token = fields && sid ? await pageCsrfToken(platform.url, LAMPUNG, cookie) : csrf.token;
      return request(platform.url, path, {
        host: LAMPUNG,
        method,
        headers: { ...(fields ? FORM : HTML), cookie },
        body: fields ? new URLSearchParams({ _csrf: token, ...fields }).toString() : undefined,
      });
    }

    test("sees only Lampung's users, keys, audit entries and stats", async () => {
      const users = await lampung('/admin/pengguna');
      assert.equal(users.status, 200);
      assert.match(users.body, /admin@lampung.test/);
      assert.doesNotMatch(users.body, /jakarta\.test/);
      const keys = await lampung('/admin/kunci-api');
      assert.match(keys.body, /Mitra Lampung/);
      assert.doesNotMatch(keys.body, /Mitra Jakarta|FixMyStreet Uji/);
      const audit = await lampung('/admin/audit');
      assert.match(audit.body, /Mitra Lampung/);
      assert.doesNotMatch(audit.body, /jakarta\.test|Mitra Jakarta|FixMyStreet/);
      const dashboard = await lampung('/admin');
      assert.equal(dashboard.status, 200);
      assert.match(dashboard.body, /id="stat-total">0</, "Jakarta's report is not counted");
      assert.equal((await lampung('/admin/keamanan')).status, 200);
    });

    test("Jakarta's ids in Lampung's routes are 404 and change nothing", async () => {
      const before = await asOwner(
        db.url,
        async (c) =>
          (
            await c.query<{ admin: object; key: object }>(
              `SELECT (SELECT row_to_json(a) FROM accounts a WHERE id = $1) AS admin, (SELECT row_to_json(k) FROM open311_api_keys k WHERE id = $2) AS key`,
              [ids.jakartaAdmin, ids.jakartaKey],
            )
          ).rows[0],
      );
      for (const [path, fields] of [
        [`/admin/pengguna/${ids.jakartaAdmin}/nonaktifkan`, {}],
        [`/admin/pengguna/${ids.jakartaAdmin}/cakupan`, { agencyCode: 'dinas-bmbk' }],
        [`/admin/kunci-api/${ids.jakartaKey}/cabut`, { confirm: 'yes' }],
      ] as [string, Record<string, string>][]) {
        const res = await lampung(path, 'POST', fields);
        assert.equal(res.status, 404, `${path} → ${res.status}`);
      }
      const after = await asOwner(
        db.url,
        async (c) =>
          (
            await c.query<{ admin: object; key: object }>(
              `SELECT (SELECT row_to_json(a) FROM accounts a WHERE id = $1) AS admin, (SELECT row_to_json(k) FROM open311_api_keys k WHERE id = $2) AS key`,
              [ids.jakartaAdmin, ids.jakartaKey],
            )
          ).rows[0],
      );
      assert.deepEqual(after, before);
    });

    test("a Jakarta admin's cookie on Lampung's host is not signed in", async () => {
      const jakarta = await jakartaAdmin();
      for (const path of ['/admin', '/admin/pengguna', '/admin/kunci-api', '/admin/audit', '/admin/keamanan']) {
        const res = await lampung(path, 'GET', undefined, jakarta.cookies.sid);
        assert.equal(res.status, 303, path);
        assert.match(String(res.headers.location), /^\/masuk\?next=/);
      }
    });

    test('citizens and officers get 403; anonymous callers are sent to /masuk', async () => {
      const accounts = platform.app.get(AccountsService);
      const made: Record<string, AccountView> = await asTenant('lampung', async () => ({
        citizen: await accounts.registerCitizen({ email: 'warga@lampung.test', password: PASSWORD, displayName: 'Warga' }, '127.0.0.2'),
        officer: await accounts.createStaff({
          email: 'petugas@lampung.test',
          password: PASSWORD,
          displayName: 'Petugas',
          role: 'officer',
          agencyCode: 'dinas-bmbk',
        }),
      }));
      const sids: Record<string, string> = {};
      await asTenant('lampung', async () => {
        for (const [role, a] of Object.entries(made)) sids[role] = (await accounts.startSession(a)).token;
      });
      const routes: [string, string, Record<string, string>?][] = [
        ['/admin', 'GET'],
        ['/admin/pengguna', 'GET'],
        ['/admin/kunci-api', 'GET'],
        ['/admin/audit', 'GET'],
        ['/admin/keamanan', 'GET'],
        ['/admin/pengguna', 'POST', { email: 'z@lampung.test', displayName: 'Z', role: 'validator' }],
        [`/admin/pengguna/${ids.lampungAdmin}/cakupan`, 'POST', {}],
        [`/admin/pengguna/${ids.lampungAdmin}/nonaktifkan`, 'POST', {}],
        ['/admin/kunci-api', 'POST', { name: 'Nakal' }],
        [`/admin/kunci-api/${ids.lampungKey}/cabut`, 'POST', { confirm: 'yes' }],
        ['/admin/keamanan', 'POST', { code: '123456' }],
      ];
      for (const [path, method, fields] of routes) {
        for (const role of ['citizen', 'officer']) {
          const res = await lampung(path, method, fields ?? (method === 'POST' ? {} : undefined), sids[role]);
          assert.equal(res.status, 403, `${role} ${method} ${path}`);
        }
        const anonymous = await lampung(path, method, fields ?? (method === 'POST' ? {} : undefined), null);
        assert.equal(anonymous.status, 303, `anonymous ${method} ${path}`);
        assert.match(String(anonymous.headers.location), /^\/masuk\?next=/);
      }
      const unchanged = await asOwner(
        db.url,
        async (c) =>
          (await c.query<{ revoked_at: Date | null }>(`SELECT revoked_at FROM open311_api_keys WHERE id = $1`, [ids.lampungKey])).rows[0],
      );
      assert.equal(unchanged.revoked_at, null);
    });
  });
});
