import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AccountsService } from '@app/accounts';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request, Response } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';
import { sessionOf } from '../revisions/admin-support';

const HTML = { accept: 'text/html,application/xhtml+xml' };
const FORM = { ...HTML, 'content-type': 'application/x-www-form-urlencoded' };
const TENANTS = [
  { slug: 'jakarta', host: 'jakarta.localhost', other: 'lampung.localhost' },
  { slug: 'lampung', host: 'lampung.localhost', other: 'jakarta.localhost' },
];
const PASSWORD = 'kata-sandi-warga-123';

/** `next` values as they appear in a query string or a form body (already URL-encoded). */
const HOSTILE_NEXT = [
  '/.//evil.example',
  '/..//evil.example',
  '%2F..%2F%2Fevil.example',
  '%2F.%2F%2Fevil.example',
  '/%2e%2e//evil.example',
  '/%2e//evil.example',
  '/.%2F%2Fevil.example',
  '%2F%2Fevil.example',
  '//evil.example',
  '/%5Cevil.example',
  '%5C%5Cevil.example',
  '/%5C/evil.example',
  '/%09/evil.example',
  '%09//evil.example',
  '/%0A/evil.example',
  '/%0D%0A//evil.example',
  'https:%2F%2Fevil.example',
  'https://evil.example',
  '/%252F%252Fevil.example/..',
  '/a/..%2F..%2F%2Fevil.example',
];

function setCookie(res: Response, name: string): string | undefined {
  const lines = [res.headers['set-cookie'] ?? []].flat();
  return lines.map((l) => l.split(';')[0]).find((c) => c.startsWith(`${name}=`));
}

/** A rendered form's CSRF pair, fetched with `cookie` (a session or not). */
async function pairFrom(url: string, host: string, path: string, cookie = ''): Promise<{ csrf: string; token: string }> {
  const page = await request(url, path, { host, headers: { ...HTML, ...(cookie ? { cookie } : {}) } });
  assert.equal(page.status, 200, `${host}${path}: ${page.status}`);
  const csrf = setCookie(page, 'csrf') ?? /csrf=[^;]+/.exec(cookie)?.[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(csrf && token, 'the page has a CSRF pair');
  return { csrf, token };
}

function assertOnSite(location: string | string[] | undefined, what: string): void {
  assert.equal(typeof location, 'string', what);
  const value = String(location);
  const target = new URL(value, 'http://site.invalid/');
  assert.equal(target.origin, 'http://site.invalid', `${what} → ${value}`);
  assert.doesNotMatch(value, /^\/[/\\]|evil/, `${what} → ${value}`);
}

describe('open redirects and CSRF binding (issue 7, defects 2 and 5)', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    for (const { slug } of TENANTS) {
      await platform.app
        .get(TenantContext)
        .run(platform.app.get(TenantRegistry).getOrThrow(slug), () =>
          platform.app
            .get(AccountsService)
            .registerCitizen({ email: 'warga@example.id', password: PASSWORD, displayName: 'Warga' }, '10.1.1.1'),
        );
    }
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  for (const { host } of TENANTS) {
    test(`${host}: no next= leaves the site after signing in (POST /masuk)`, async () => {
      for (const next of [...HOSTILE_NEXT, '/akun']) {
        const { csrf, token } = await pairFrom(platform.url, host, '/masuk');
        const res = await request(platform.url, '/masuk', {
          host,
          method: 'POST',
          headers: { ...FORM, cookie: csrf },
          body: `_csrf=${encodeURIComponent(token)}&email=warga%40example.id&password=${PASSWORD}&next=${next}`,
        });
        assert.equal(res.status, 303, `${next}: ${res.body.slice(0, 200)}`);
        assertOnSite(res.headers.location, next);
        if (next !== '/akun') assert.equal(res.headers.location, '/', next);
        else assert.equal(res.headers.location, '/akun', 'a path on the site is kept');
      }
    });

    test(`${host}: signed in, GET /masuk and /daftar with a hostile next stay on the site`, async () => {
      const sid = await sessionOf(platform, host.split('.')[0], {
        role: 'citizen',
        email: `redirect-${host}@example.id`,
        displayName: 'R',
      });
      for (const path of ['/masuk', '/daftar']) {
        for (const next of HOSTILE_NEXT) {
          const res = await request(platform.url, `${path}?next=${next}`, { host, headers: { ...HTML, cookie: `sid=${sid}` } });
          assert.equal(res.status, 303, `${path}?next=${next}`);
          assert.equal(res.headers.location, '/', `${path}?next=${next}`);
        }
      }
    });

    test(`${host}: POST /daftar with a hostile next stays on the site`, async () => {
      for (const [i, next] of ['/.//evil.example', '%2F..%2F%2Fevil.example', '/%09/evil.example'].entries()) {
        const { csrf, token } = await pairFrom(platform.url, host, '/daftar');
        const res = await request(platform.url, '/daftar', {
          host,
          method: 'POST',
          headers: { ...FORM, cookie: csrf },
          body: `_csrf=${encodeURIComponent(token)}&displayName=Baru&email=baru${i}%40example.id&password=${PASSWORD}&next=${next}`,
        });
        assert.equal(res.status, 303, res.body.slice(0, 300));
        assert.equal(res.headers.location, '/', next);
      }
    });
  }

  for (const { slug, host, other } of TENANTS) {
    test(`${host}: a CSRF pair from ${other}, from signed-out, or from another session is refused on the admin form`, async () => {
      const sid = await sessionOf(platform, slug, { role: 'admin', email: `admin-csrf@${slug}.test`, displayName: 'Admin' });
      const otherSid = await sessionOf(platform, slug, { role: 'admin', email: `admin-lain@${slug}.test`, displayName: 'Admin Lain' });
      const keysBefore =
        (await request(platform.url, '/admin/kunci-api', { host, headers: { ...HTML, cookie: `sid=${sid}` } })).body.match(/\/cabut"/g)
          ?.length ?? 0;
      const post = (pair: { csrf: string; token: string }) =>
        request(platform.url, '/admin/kunci-api', {
          host,
          method: 'POST',
          headers: { ...FORM, cookie: `${pair.csrf}; sid=${sid}` },
          body: new URLSearchParams({ _csrf: pair.token, name: 'Kunci Curian' }).toString(),
        });

      const foreign = await pairFrom(platform.url, other, '/masuk');
      const signedOut = await pairFrom(platform.url, host, '/masuk');
      const otherSession = await pairFrom(platform.url, host, '/admin/kunci-api', `sid=${otherSid}`);
      for (const [what, pair] of [
        ['another tenant', foreign],
        ['signed out', signedOut],
        ['another session', otherSession],
      ] as const) {
        const res = await post(pair);
        assert.equal(res.status, 403, `${what}: ${res.status}`);
        assert.match(String(res.headers['content-type']), /text\/html/, `${what}: a page`);
        assert.match(res.body, /Formulir kedaluwarsa, muat ulang halaman/, `${what}: a clear message`);
        assert.doesNotMatch(res.body, /o311_/, `${what}: no key issued`);
      }
      const after =
        (await request(platform.url, '/admin/kunci-api', { host, headers: { ...HTML, cookie: `sid=${sid}` } })).body.match(/\/cabut"/g)
          ?.length ?? 0;
      assert.equal(after, keysBefore, 'no key was issued');

      const own = await pairFrom(platform.url, host, '/admin/kunci-api', `sid=${sid}`);
      const ok = await post(own);
      assert.ok(ok.status === 200 || ok.status === 303, `the admin's own pair works: ${ok.status}`);
    });

    test(`${host}: a signed-out CSRF pair from ${other} is refused on the sign-in form`, async () => {
      const foreign = await pairFrom(platform.url, other, '/masuk');
      const res = await request(platform.url, '/masuk', {
        host,
        method: 'POST',
        headers: { ...FORM, cookie: foreign.csrf },
        body: new URLSearchParams({ _csrf: foreign.token, email: 'warga@example.id', password: PASSWORD }).toString(),
      });
      assert.equal(res.status, 403);
      assert.equal(setCookie(res, 'sid'), undefined, 'nobody signed in');
    });
  }
});
