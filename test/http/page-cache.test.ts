import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AccountsService } from '@app/accounts';
import { NewsEditorialService } from '@app/news';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { TenantConfigService } from '@app/revisions';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request, Response } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';
import { HOSTS, sessionOf } from '../revisions/admin-support';

/** The nonce of the page's CSP header, and the one in its <style>. */
function nonces(res: Response): { header: string | undefined; body: string | undefined } {
  return {
    header: /style-src[^;]*'nonce-([^']+)'/.exec(String(res.headers['content-security-policy'] ?? ''))?.[1],
    body: /<style nonce="([^"]+)">/.exec(res.body)?.[1],
  };
}

const withoutNonce = (body: string) => body.replace(/<style nonce="[^"]+">/g, '<style nonce="">');

/** Anonymous pages rendered once per tenant and locale (PageCache): what a visitor may and may not get from the cache. */
describe('cached anonymous pages', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  const get = (path: string, host: string = HOSTS.jakarta, headers: Record<string, string> = {}) =>
    request(platform.url, path, { host, headers: { accept: 'text/html', ...headers } });

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false' });
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  test('two anonymous visitors get the same page, each with its own CSP nonce, and no cookie', async () => {
    const first = await get('/');
    const second = await get('/');
    const third = await get('/');
    for (const res of [first, second, third]) {
      assert.equal(res.status, 200);
      const n = nonces(res);
      assert.ok(n.header && n.header.length >= 16, 'a nonce in the CSP');
      assert.equal(n.body, n.header, "the page's <style> carries its own answer's nonce");
      assert.equal(res.headers['set-cookie'], undefined, 'nothing per visitor is set');
      assert.match(String(res.headers.etag), /^W\/"/);
    }
    assert.equal(new Set([first, second, third].map((r) => nonces(r).header)).size, 3, 'never one nonce twice');
    assert.equal(withoutNonce(second.body), withoutNonce(first.body));
    assert.equal(second.headers.etag, first.headers.etag);
    assert.equal(second.headers['cache-control'], 'no-cache');
  });

  test('If-None-Match with the ETag answers 304 with no body and no new CSP; another ETag gets the page', async () => {
    const page = await get('/direktori');
    assert.equal(page.status, 200);
    const etag = String(page.headers.etag);
    const again = await get('/direktori', HOSTS.jakarta, { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers['content-security-policy'], undefined, 'the copy the client has keeps the CSP (and nonce) it came with');
    assert.equal((await get('/direktori', HOSTS.jakarta, { 'if-none-match': 'W/"something-else"' })).status, 200);
  });

  test('a signed-in visitor never gets the anonymous page, and does not fill the cache either', async () => {
    const anonymous = await get('/');
    const sid = await sessionOf(platform, 'jakarta', { role: 'citizen', email: 'siti@cache.test', displayName: 'Siti Cache' });
    const signedIn = await get('/', HOSTS.jakarta, { cookie: `sid=${sid}` });
    assert.equal(signedIn.status, 200);
    assert.match(signedIn.body, /Siti Cache/);
    assert.match(signedIn.body, /name="_csrf" value="[^"]+"/, 'their sign-out form has their token');
    assert.notEqual(signedIn.headers.etag, anonymous.headers.etag);
    assert.match(String(signedIn.headers['cache-control']), /no-store/);
    // A conditional request with the anonymous ETag is not answered from the cache for them either.
    assert.equal((await get('/', HOSTS.jakarta, { cookie: `sid=${sid}`, 'if-none-match': String(anonymous.headers.etag) })).status, 200);
    const after = await get('/');
    assert.doesNotMatch(after.body, /Siti Cache/);
    assert.doesNotMatch(after.body, /name="_csrf"/);
    assert.equal(after.headers.etag, anonymous.headers.etag);
  });

  test('pages are cached per tenant and per locale', async () => {
    const jakarta = await get('/');
    const lampung = await get('/', HOSTS.lampung);
    assert.match(jakarta.body, /JAKI/);
    assert.match(lampung.body, /Lampung-In/);
    assert.doesNotMatch(lampung.body, /JAKI/);
    const english = await get('/', HOSTS.jakarta, { cookie: 'lang=en' });
    assert.match(english.body, /<html lang="en"/);
    assert.match((await get('/')).body, /<html lang="id"/);
    assert.notEqual(english.headers.etag, jakarta.headers.etag);
  });

  test('a config change (admin revision) shows at once: the old page is not served again', async () => {
    const before = await get('/', HOSTS.lampung);
    assert.doesNotMatch(before.body, /Lampung Tercache/);
    const registry = platform.app.get(TenantRegistry);
    await platform.app
      .get(TenantContext)
      .run(registry.getOrThrow('lampung'), () =>
        platform.app
          .get(TenantConfigService)
          .propose({ branding: { appName: 'Lampung Tercache' } }, { accountId: null, label: 'test', ip: null }, 'cache test'),
      );
    const afterChange = await get('/', HOSTS.lampung);
    assert.match(afterChange.body, /Lampung Tercache/);
    assert.notEqual(afterChange.headers.etag, before.headers.etag);
    assert.equal((await get('/', HOSTS.lampung, { 'if-none-match': String(before.headers.etag) })).status, 200, 'the old ETag is stale');
  });

  test('publishing an article shows it at once on the cached news list', async () => {
    const list = await get('/berita');
    assert.equal(list.status, 200);
    assert.doesNotMatch(list.body, /Posko banjir dibuka/);
    const jakarta = platform.app.get(TenantRegistry).getOrThrow('jakarta');
    const editorial = platform.app.get(NewsEditorialService);
    const accounts = platform.app.get(AccountsService);
    await platform.app.get(TenantContext).run(jakarta, async () => {
      const staff = async (role: 'editor' | 'reviewer') => {
        const made = await accounts.createStaff({ email: `${role}@cache.test`, password: 'kata-sandi-panjang', displayName: role, role });
        return { accountId: made.id, role, name: role, email: made.email };
      };
      const [editor, reviewer] = [await staff('editor'), await staff('reviewer')];
      const draft = await editorial.create(editor, {
        input: {
          title: 'Posko banjir dibuka',
          summary: 'Di kelurahan Kampung Melayu.',
          bodyMarkdown: 'Posko dibuka 24 jam.',
          publishAt: null,
        },
      });
      await editorial.submit(editor, draft.id);
      await editorial.publish(reviewer, draft.id);
    });
    assert.match((await get('/berita')).body, /Posko banjir dibuka/);
  });

  test('pages with a form for anonymous visitors are never cached', async () => {
    const one = await get('/masuk');
    const two = await get('/masuk');
    assert.equal(one.headers.etag, undefined);
    const token = (r: Response) => /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1];
    assert.ok(token(one) && token(two));
    assert.notEqual(token(one), token(two), 'each visitor gets their own CSRF token');
  });
});
