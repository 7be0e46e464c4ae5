import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AccountsError, AccountsService } from '@app/accounts';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { request, Response } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ApiErrorJson } from '../support/api';

const HTML = { accept: 'text/html,application/xhtml+xml' };
const FORM = { ...HTML, 'content-type': 'application/x-www-form-urlencoded' };
const JAKARTA = 'jakarta.localhost';
const LAMPUNG = 'lampung.localhost';

/** The cookies a response sets, name → full Set-Cookie line. */
function setCookies(res: Response): Record<string, string> {
  const raw = res.headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return Object.fromEntries(lines.map((l) => [l.split('=')[0], l]));
}

function cookieValue(line: string | undefined): string {
  assert.ok(line, 'the cookie is set');
  return line.split(';')[0].split('=').slice(1).join('=');
}

function formToken(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  assert.ok(match, 'the form has a CSRF token');
  return match[1];
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** A browser's view of one site: the CSRF cookie and the token from a rendered form. */
async function openForm(url: string, host: string, path: string, cookies = ''): Promise<{ csrf: string; token: string; cookie: string }> {
  const page = await request(url, path, { host, headers: { ...HTML, ...(cookies ? { cookie: cookies } : {}) } });
  assert.equal(page.status, 200, `${path} renders`);
  const set = setCookies(page).csrf;
  const csrf = set ? cookieValue(set) : /csrf=([^;]+)/.exec(cookies)![1];
  return { csrf, token: formToken(page.body), cookie: [cookies, set ? `csrf=${csrf}` : ''].filter(Boolean).join('; ') };
}

describe('accounts over HTTP', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;

  const asTenant = <T>(slug: string, fn: (accounts: AccountsService) => Promise<T>): Promise<T> => {
    const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
    return platform.app.get(TenantContext).run(tenant, () => fn(platform.app.get(AccountsService)));
  };

  async function signIn(host: string, email: string, password: string, extra: Record<string, string> = {}) {
    const f = await openForm(platform.url, host, '/masuk');
    return request(platform.url, '/masuk', {
      host,
      method: 'POST',
      headers: { ...FORM, cookie: f.cookie, 'x-forwarded-for': extra.ip ?? '' },
      body: form({ _csrf: f.token, email, password, ...(extra.next ? { next: extra.next } : {}) }),
    });
  }

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  test('a citizen registers through the page form and is signed in', async () => {
    const f = await openForm(platform.url, JAKARTA, '/daftar');
    const res = await request(platform.url, '/daftar', {
      host: JAKARTA,
      method: 'POST',
      headers: { ...FORM, cookie: f.cookie },
      body: form({ _csrf: f.token, displayName: 'Siti Warga', email: 'Siti@Example.ID', password: 'rahasia-panjang-1' }),
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/');
    const sid = cookieValue(setCookies(res).sid);
    const home = await request(platform.url, '/', { host: JAKARTA, headers: { ...HTML, cookie: `${f.cookie}; sid=${sid}` } });
    assert.match(home.body, /Masuk sebagai Siti Warga/);
    assert.match(home.body, /action="\/keluar"/);
    const stored = await asTenant('jakarta', (a) => a.findByEmail('siti@example.id'));
    assert.equal(stored?.email, 'siti@example.id', 'the email is stored lower-case');
    assert.equal(stored?.role, 'citizen');
  });

  test('registration errors re-render the form, keeping what was typed', async () => {
    const f = await openForm(platform.url, JAKARTA, '/daftar');
    const short = await request(platform.url, '/daftar', {
      host: JAKARTA,
      method: 'POST',
      headers: { ...FORM, cookie: f.cookie },
      body: form({ _csrf: f.token, displayName: 'Budi', email: 'budi@example.id', password: 'pendek' }),
    });
    assert.equal(short.status, 422);
    assert.match(short.body, /Kata sandi minimal 10 karakter/);
    assert.match(short.body, /class="error-summary" role="alert"/);
    assert.match(short.body, /value="budi@example.id"/);
    const taken = await request(platform.url, '/daftar', {
      host: JAKARTA,
      method: 'POST',
      headers: { ...FORM, cookie: f.cookie },
      body: form({ _csrf: f.token, displayName: 'Lain', email: 'SITI@example.id', password: 'rahasia-panjang-2' }),
    });
    assert.equal(taken.status, 422);
    assert.match(taken.body, /Alamat email ini sudah terdaftar/);
    const empty = await request(platform.url, '/daftar', {
      host: JAKARTA,
      method: 'POST',
      headers: { ...FORM, cookie: f.cookie },
      body: form({ _csrf: f.token, displayName: '', email: 'bukan-email', password: '' }),
    });
    assert.equal(empty.status, 422);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(empty.body)![0];
    for (const message of [/Masukkan nama tampilan/, /Masukkan alamat email yang benar/, /Kata sandi minimal 10 karakter/])
      assert.match(summary, message, 'every problem at once');
  });

  test('sign in via the page form: cookie attributes, generic failure message, email kept', async () => {
    const wrong = await signIn(JAKARTA, 'siti@example.id', 'salah-sandi-xx', { ip: '10.0.0.1' });
    assert.equal(wrong.status, 422);
    assert.match(wrong.body, /Email atau kata sandi salah/);
    assert.match(wrong.body, /value="siti@example.id"/);
    const unknown = await signIn(JAKARTA, 'nobody@example.id', 'salah-sandi-xx', { ip: '10.0.0.1' });
    assert.match(unknown.body, /Email atau kata sandi salah/, 'the same message for an unknown email');

    const ok = await signIn(JAKARTA, 'siti@example.id', 'rahasia-panjang-1', { next: '/akun' });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.location, '/akun');
    const sid = setCookies(ok).sid;
    assert.match(sid, /^sid=[A-Za-z0-9_-]{43}; /);
    assert.match(sid, /; HttpOnly/);
    assert.match(sid, /; SameSite=Lax/);
    assert.match(sid, /; Path=\//);
    assert.match(sid, /; Max-Age=604800/);
    assert.doesNotMatch(sid, /Secure/, 'not Secure over plain http');
    const account = await request(platform.url, '/akun', { host: JAKARTA, headers: { ...HTML, cookie: `sid=${cookieValue(sid)}` } });
    assert.equal(account.status, 200);
    assert.match(account.body, /siti@example.id/);
    assert.match(account.body, /Warga/);
  });

  test('only a hash of the session token is stored', async () => {
    const ok = await signIn(JAKARTA, 'siti@example.id', 'rahasia-panjang-1');
    const token = cookieValue(setCookies(ok).sid);
    const rows = await asOwner(db.url, async (c) => (await c.query<{ token_hash: string }>('SELECT token_hash FROM sessions')).rows);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r: { token_hash: string }) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash)));
  });

  test('a form post without, or with a wrong, CSRF token is 403', async () => {
    const f = await openForm(platform.url, JAKARTA, '/masuk');
    const none = await request(platform.url, '/masuk', {
      host: JAKARTA,
      method: 'POST',
      headers: { ...FORM, cookie: f.cookie },
      body: form({ email: 'siti@example.id', password: 'rahasia-panjang-1' }),
    });
    assert.equal(none.status, 403);
    assert.match(none.body, /Formulir kedaluwarsa, muat ulang halaman/);
    assert.equal(setCookies(none).sid, undefined, 'no session');
    const wrong = await request(platform.url, '/masuk', {
      host: JAKARTA,
      method: 'POST',
      headers: { ...FORM, cookie: f.cookie },
      body: form({ _csrf: f.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), email: 'x@y.id', password: 'p' }),
    });
    assert.equal(wrong.status, 403);
    const noCookie = await request(platform.url, '/masuk', {
      host: JAKARTA,
      method: 'POST',
      headers: FORM,
      body: form({ _csrf: f.token, email: 'x@y.id', password: 'p' }),
    });
    assert.equal(noCookie.status, 403, 'the token without its cookie');
    const inQuery = await request(platform.url, `/masuk?_csrf=${encodeURIComponent(f.token)}`, {
      host: JAKARTA,
      method: 'POST',
      headers: { ...FORM, cookie: f.cookie },
      body: form({ email: 'x@y.id', password: 'p' }),
    });
    assert.equal(inQuery.status, 403, 'never from the query string');
    const english = await request(platform.url, '/keluar', {
      host: JAKARTA,
      method: 'POST',
      headers: { ...FORM, cookie: 'lang=en' },
      body: '',
    });
    assert.equal(english.status, 403);
    assert.match(english.body, /The form expired, reload the page/);
    const multipart = await request(platform.url, '/masuk', {
      host: JAKARTA,
      method: 'POST',
      headers: { ...HTML, cookie: f.cookie, 'content-type': 'multipart/form-data; boundary=x' },
      body: `--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${f.token}\r\n--x--\r\n`,
    });
    assert.equal(multipart.status, 403, 'multipart posts to handlers not marked @CsrfVerifiedInHandler are refused');
  });

  test('the CSRF cookie is HttpOnly and SameSite=Lax, and set only when missing', async () => {
    const page = await request(platform.url, '/masuk', { host: JAKARTA, headers: HTML });
    const csrf = setCookies(page).csrf;
    assert.match(csrf, /^csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const again = await request(platform.url, '/masuk', { host: JAKARTA, headers: { ...HTML, cookie: csrf.split(';')[0] } });
    assert.equal(setCookies(again).csrf, undefined);
  });

  test('sign-in attempts are rate limited per tenant, IP and email: 429 after 5', async () => {
    const ip = '10.9.9.9';
    const f = await openForm(platform.url, LAMPUNG, '/masuk');
    const attempt = (email: string, password: string, host = LAMPUNG) =>
      request(platform.url, '/masuk', {
        host,
        method: 'POST',
        headers: { ...FORM, cookie: f.cookie, 'x-forwarded-for': ip },
        body: form({ _csrf: f.token, email, password }),
      });
    // Without TRUST_PROXY X-Forwarded-For is ignored: every request here comes from 127.0.0.1.
    for (let i = 0; i < 5; i++) assert.equal((await attempt('target@example.id', `wrong-password-${i}`)).status, 422);
    const limited = await attempt('target@example.id', 'wrong-password-x');
    assert.equal(limited.status, 429);
    assert.match(limited.body, /Terlalu banyak percobaan\. Coba lagi dalam 15 menit\./);
    assert.match(limited.body, /value="target@example.id"/);
    assert.equal((await attempt('other@example.id', 'wrong-password-y')).status, 422, 'another email is not limited');

    const api = await request(platform.url, '/api/sessions', {
      host: LAMPUNG,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'target@example.id', password: 'wrong-password-z' }),
    });
    assert.equal(api.status, 429);
    assert.equal(api.json<ApiErrorJson>().error, 'rate-limited');
    assert.match(api.json<ApiErrorJson>().message, /Terlalu banyak percobaan/);
    assert.ok(Number(api.headers['retry-after']) > 0);
  });

  test("a Jakarta session is worthless on Lampung's host, by cookie and by bearer token", async () => {
    const ok = await signIn(JAKARTA, 'siti@example.id', 'rahasia-panjang-1');
    const sid = cookieValue(setCookies(ok).sid);
    const jakarta = await request(platform.url, '/akun', { host: JAKARTA, headers: { ...HTML, cookie: `sid=${sid}` } });
    assert.equal(jakarta.status, 200);
    const lampung = await request(platform.url, '/akun', { host: LAMPUNG, headers: { ...HTML, cookie: `sid=${sid}` } });
    assert.equal(lampung.status, 303, 'not signed in on Lampung');
    assert.equal(lampung.headers.location, '/masuk?next=%2Fakun');
    const home = await request(platform.url, '/', { host: LAMPUNG, headers: { ...HTML, cookie: `sid=${sid}` } });
    assert.doesNotMatch(home.body, /Siti Warga/);
    assert.match(home.body, /href="\/masuk"/);

    const api = await request(platform.url, '/api/sessions', {
      host: JAKARTA,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'siti@example.id', password: 'rahasia-panjang-1' }),
    });
    assert.equal(api.status, 201);
    const { token, account } = api.json<{ token: string; account: { email: string; passwordHash?: string; displayName: string } }>();
    assert.equal(account.email, 'siti@example.id');
    assert.equal(account.passwordHash, undefined);
    const me = await request(platform.url, '/api/me', { host: JAKARTA, headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    assert.equal(me.json<{ displayName: string }>().displayName, 'Siti Warga');
    const elsewhere = await request(platform.url, '/api/me', { host: LAMPUNG, headers: { authorization: `Bearer ${token}` } });
    assert.equal(elsewhere.status, 401);
    assert.equal(elsewhere.headers['content-type'], 'application/json; charset=utf-8');
  });

  test('API routes read only bearer tokens, never the cookie; sign-out deletes the session', async () => {
    const ok = await signIn(JAKARTA, 'siti@example.id', 'rahasia-panjang-1');
    const sid = cookieValue(setCookies(ok).sid);
    assert.equal((await request(platform.url, '/api/me', { host: JAKARTA, headers: { cookie: `sid=${sid}` } })).status, 401);
    assert.equal((await request(platform.url, '/api/me', { host: JAKARTA, headers: { authorization: `Bearer ${sid}` } })).status, 200);
    const bad = await request(platform.url, '/api/sessions', {
      host: JAKARTA,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'siti@example.id', password: 'x', extra: 1 }),
    });
    assert.equal(bad.status, 400, 'unknown fields are refused');
    const del = await request(platform.url, '/api/sessions', {
      host: JAKARTA,
      method: 'DELETE',
      headers: { authorization: `Bearer ${sid}` },
    });
    assert.equal(del.status, 204);
    assert.equal((await request(platform.url, '/api/me', { host: JAKARTA, headers: { authorization: `Bearer ${sid}` } })).status, 401);

    // The page's sign-out form.
    const again = await signIn(JAKARTA, 'siti@example.id', 'rahasia-panjang-1');
    const sid2 = cookieValue(setCookies(again).sid);
    const f = await openForm(platform.url, JAKARTA, '/', `sid=${sid2}`);
    const out = await request(platform.url, '/keluar', {
      host: JAKARTA,
      method: 'POST',
      headers: { ...FORM, cookie: f.cookie },
      body: form({ _csrf: f.token }),
    });
    assert.equal(out.status, 303);
    assert.match(setCookies(out).sid, /^sid=; Max-Age=0/);
    assert.equal((await request(platform.url, '/akun', { host: JAKARTA, headers: { ...HTML, cookie: `sid=${sid2}` } })).status, 303);
  });

  test('staff: an officer needs a known agency of the tenant; the region is checked too', async () => {
    await assert.rejects(
      () =>
        asTenant('lampung', (a) =>
          a.createStaff({
            role: 'officer',
            email: 'p@lampung.id',
            password: 'petugas-sandi-1',
            displayName: 'P',
            agencyCode: 'dinas-bina-marga',
          }),
        ),
      (e: unknown) =>
        e instanceof AccountsError &&
        e.code === 'unknown-agency' &&
        /unknown agency 'dinas-bina-marga' in tenant 'lampung'/.test(e.message),
    );
    await assert.rejects(
      () =>
        asTenant('lampung', (a) =>
          a.createStaff({ role: 'officer', email: 'p@lampung.id', password: 'petugas-sandi-1', displayName: 'P' }),
        ),
      (e: unknown) => e instanceof AccountsError && e.code === 'agency-required',
    );
    await assert.rejects(
      () =>
        asTenant('jakarta', (a) =>
          a.createStaff({
            role: 'officer',
            email: 'p@jakarta.id',
            password: 'petugas-sandi-1',
            displayName: 'P',
            agencyCode: 'dinas-bina-marga',
            regionCode: '18.71',
          }),
        ),
      (e: unknown) => e instanceof AccountsError && e.code === 'unknown-region',
    );
    const officer = await asTenant('jakarta', (a) =>
      a.createStaff({
        role: 'officer',
        email: 'petugas@jakarta.id',
        password: 'petugas-sandi-1',
        displayName: 'Petugas BM',
        agencyCode: 'dinas-bina-marga',
        regionCode: '31.71',
      }),
    );
    assert.equal(officer.agencyCode, 'dinas-bina-marga');
  });

  test('role guard: a citizen gets 403 on the staff console (/konsol, @Authenticated({ roles: staff })), an officer gets in', async () => {
    const citizen = cookieValue(setCookies(await signIn(JAKARTA, 'siti@example.id', 'rahasia-panjang-1')).sid);
    const denied = await request(platform.url, '/konsol', { host: JAKARTA, headers: { ...HTML, cookie: `sid=${citizen}` } });
    assert.equal(denied.status, 403);
    assert.match(denied.body, /Anda tidak memiliki akses ke halaman ini/);
    assert.match(denied.body, /Masuk sebagai Siti Warga/, 'the themed error page still shows who is signed in');
    const officer = cookieValue(setCookies(await signIn(JAKARTA, 'petugas@jakarta.id', 'petugas-sandi-1')).sid);
    const allowed = await request(platform.url, '/konsol', { host: JAKARTA, headers: { ...HTML, cookie: `sid=${officer}` } });
    assert.ok(allowed.status !== 403 && allowed.status !== 303, `the officer passes the role guard (got ${allowed.status})`);
    const profile = await request(platform.url, '/akun', { host: JAKARTA, headers: { ...HTML, cookie: `sid=${officer}` } });
    assert.match(profile.body, /Petugas/);
    assert.match(profile.body, /Dinas Bina Marga Provinsi DKI Jakarta/);
  });

  test('a disabled account is signed out everywhere and cannot sign in', async () => {
    const account = await asTenant('jakarta', (a) =>
      a.createStaff({ role: 'validator', email: 'val@jakarta.id', password: 'validator-sandi', displayName: 'Val' }),
    );
    const sid = cookieValue(setCookies(await signIn(JAKARTA, 'val@jakarta.id', 'validator-sandi')).sid);
    assert.equal(await asTenant('jakarta', (a) => a.disable(account.id)), true);
    assert.equal((await request(platform.url, '/akun', { host: JAKARTA, headers: { ...HTML, cookie: `sid=${sid}` } })).status, 303);
    assert.equal((await signIn(JAKARTA, 'val@jakarta.id', 'validator-sandi')).status, 422);
  });

  test('behind a trusted proxy, cookies of https requests are Secure', async () => {
    const proxied = await startPlatform({ DATABASE_URL: db.url, TRUST_PROXY: 'true' });
    try {
      const headers = { ...HTML, 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' };
      const page = await request(proxied.url, '/masuk', { host: JAKARTA, headers });
      const csrf = setCookies(page).csrf;
      assert.match(csrf, /; Secure; SameSite=Lax$/);
      const res = await request(proxied.url, '/masuk', {
        host: JAKARTA,
        method: 'POST',
        headers: { ...headers, ...FORM, cookie: csrf.split(';')[0] },
        body: form({ _csrf: formToken(page.body), email: 'siti@example.id', password: 'rahasia-panjang-1' }),
      });
      assert.equal(res.status, 303);
      assert.match(setCookies(res).sid, /; HttpOnly; Secure; SameSite=Lax$/);
      const plain = await request(platform.url, '/masuk', { host: JAKARTA, headers: { ...HTML, 'x-forwarded-proto': 'https' } });
      assert.doesNotMatch(setCookies(plain).csrf, /Secure/, 'X-Forwarded-Proto is ignored without TRUST_PROXY');
    } finally {
      await proxied.close();
    }
  });

  test('unauthenticated pages redirect to /masuk?next=…, which returns there; open redirects are ignored', async () => {
    const res = await request(platform.url, '/akun?tab=1', { host: JAKARTA, headers: HTML });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/masuk?next=%2Fakun%3Ftab%3D1');
    const page = await request(platform.url, String(res.headers.location), { host: JAKARTA, headers: HTML });
    assert.match(page.body, /name="next" value="\/akun\?tab&#x3D;1"/);
    assert.match(page.body, /href="\/daftar\?next(=|&#x3D;)%2Fakun%3Ftab%3D1"/, 'the link to the other form keeps next, encoded');

    for (const evil of ['//evil.com', 'https://evil.com', '/\\evil.com']) {
      const signedIn = await signIn(JAKARTA, 'siti@example.id', 'rahasia-panjang-1', { next: evil });
      assert.equal(signedIn.status, 303);
      assert.equal(signedIn.headers.location, '/', `next=${evil} is ignored`);
      const form = await request(platform.url, `/masuk?next=${encodeURIComponent(evil)}`, { host: JAKARTA, headers: HTML });
      assert.match(form.body, /name="next" value="\/"/);
    }
  });
});
