import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, TestDatabase } from '../support/database';
import { rawRequest, request } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';
import { HOSTS, sessionOf } from '../revisions/admin-support';
import { ApiErrorJson } from '../support/api';

const HTML = { accept: 'text/html' };

describe('the edge on both tenants: strict Host, absolute URLs, security headers, bad input', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let proxied: RunningPlatform;
  const admins: Record<string, string> = {};

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    proxied = await startPlatform({ DATABASE_URL: db.url, TRUST_PROXY: 'true' });
    for (const [slug, host] of Object.entries(HOSTS))
      admins[host] = await sessionOf(platform, slug, { role: 'admin', email: `admin@${slug}.example`, displayName: 'Admin' });
  });
  after(async () => {
    await platform?.close();
    await proxied?.close();
    await db?.drop();
  });

  for (const [own, other] of [
    [HOSTS.jakarta, HOSTS.lampung],
    [HOSTS.lampung, HOSTS.jakarta],
  ]) {
    test(`${own}: an ambiguous or malformed Host is refused with 400, never served as either tenant`, async () => {
      const ok = await rawRequest(platform.url, `GET /api/tenant HTTP/1.1\r\nHost: ${own}`);
      assert.equal(ok.status, 200);
      for (const head of [
        `GET /api/tenant HTTP/1.1\r\nHost: ${own}\r\nHost: ${other}`,
        `GET /api/tenant HTTP/1.1\r\nHost: ${own}, ${other}`,
        `GET /api/tenant HTTP/1.1\r\nHost: ${own}:@evil.example`,
        `GET /api/tenant HTTP/1.1\r\nHost: evil.example@${own}`,
        `GET /api/tenant HTTP/1.1\r\nHost: ${own}/x`,
        `GET /api/tenant HTTP/1.1\r\nHost: ${own}:99999`,
        `GET http://${other}/api/tenant HTTP/1.1\r\nHost: ${own}`,
      ]) {
        const res = await rawRequest(platform.url, head);
        assert.equal(res.status, 400, head);
        assert.doesNotMatch(res.text, /"slug"/, `${head}: no tenant's content`);
      }
      // An absolute-form target that agrees with Host is served.
      const agreeing = await rawRequest(platform.url, `GET http://${own}/api/tenant HTTP/1.1\r\nHost: ${own}`);
      assert.equal(agreeing.status, 200);
      assert.match(agreeing.text, new RegExp(`"slug":"${own.split('.')[0]}"`));
    });

    test(`${own}: X-Forwarded-Host (TRUST_PROXY) is held to the same rule`, async () => {
      const one = await request(proxied.url, '/api/tenant', { host: 'proxy.internal', headers: { 'x-forwarded-host': own } });
      assert.equal(one.status, 200);
      for (const forwarded of [`${own}, ${other}`, `${own}:@evil.example`, `${own} x`]) {
        const res = await request(proxied.url, '/api/tenant', { host: 'proxy.internal', headers: { 'x-forwarded-host': forwarded } });
        assert.equal(res.status, 400, forwarded);
      }
      const twice = await rawRequest(
        proxied.url,
        `GET /api/tenant HTTP/1.1\r\nHost: proxy.internal\r\nX-Forwarded-Host: ${own}\r\nX-Forwarded-Host: ${other}`,
      );
      assert.equal(twice.status, 400);
    });

    test(`${own}: absolute URLs name the tenant's configured host, never the request's`, async () => {
      const discovery = await request(platform.url, '/open311/v2/discovery.json', { host: `${own}.` });
      assert.equal(discovery.status, 200);
      const port = new URL(platform.url).port;
      assert.equal(discovery.json<{ key_service: string }>().key_service, `http://${own}/`, 'the configured local host (no port was sent)');
      const withPort = await request(platform.url, '/open311/v2/discovery.json', { host: `${own.toUpperCase()}:${port}` });
      assert.equal(withPort.json<{ key_service: string }>().key_service, `http://${own}:${port}/`);
      const behindProxy = await request(proxied.url, '/open311/v2/discovery.json', {
        host: 'evil.example',
        headers: { 'x-forwarded-host': own, 'x-forwarded-proto': 'https' },
      });
      assert.equal(behindProxy.json<{ key_service: string }>().key_service, `https://${own}/`);
      assert.doesNotMatch(behindProxy.body, /evil\.example/);
    });

    test(`${own}: security headers, CSP nonce on the inline style, no-store on private pages`, async () => {
      const home = await request(platform.url, '/', { host: own, headers: HTML });
      const csp = String(home.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /default-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const nonce = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, csp);
      assert.match(home.body, new RegExp(`<style nonce="${nonce}">:root`));
      assert.doesNotMatch(home.body, /<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=/i, 'no inline script or handler');
      assert.equal(home.headers['x-frame-options'], 'DENY');
      assert.equal(home.headers['x-content-type-options'], 'nosniff');
      assert.ok(home.headers['referrer-policy']);
      assert.equal(home.headers['strict-transport-security'], undefined, 'no HSTS over plain http');
      const https = await request(proxied.url, '/', { host: own, headers: { ...HTML, 'x-forwarded-proto': 'https' } });
      assert.match(String(https.headers['strict-transport-security']), /max-age=\d+/);

      const cookie = `sid=${admins[own]}`;
      for (const path of ['/akun', '/laporan/saya', '/konsol', '/admin', '/admin/keamanan', '/masuk', '/laporan/lacak?tiket=X&token=Y']) {
        const res = await request(platform.url, path, { host: own, headers: { ...HTML, cookie } });
        assert.ok(res.status < 500, `${path}: ${res.status}`);
        assert.match(String(res.headers['cache-control']), /no-store/, `${path} is not cached (${res.status})`);
        assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, path);
      }
      const css = await request(platform.url, '/static/app.css', { host: own });
      assert.match(String(css.headers['cache-control']), /public/, 'public assets stay cacheable');
    });

    test(`${own}: bad input answers 400 in the caller's language, never 500`, async () => {
      const cookie = `sid=${admins[own]}`;
      const cases: [string, string, { body?: string; type?: string; html?: boolean }][] = [
        ['GET', '/api/reports/A%00B', {}],
        ['GET', '/laporan/publik/%00', { html: true }],
        ['GET', '/open311/v2/requests.json?service_request_id=%00', {}],
        ['GET', '/open311/v2/tokens/%00.json', {}],
        ['GET', '/konsol/laporan/A%00B', { html: true }],
        ['GET', '/admin/audit?actor=%00', { html: true }],
        ['GET', '/api/reports/X?token=a&token=b', {}],
        ['GET', '/laporan/lacak?tiket=%FF&token=x', { html: true }],
        ['POST', '/masuk', { body: 'email=a%00b&password=x', type: 'application/x-www-form-urlencoded', html: true }],
        ['POST', '/daftar', { body: 'email=a%00b&password=x', type: 'application/x-www-form-urlencoded', html: true }],
        ['POST', '/admin/tampilan', { body: 'appName=a%00b', type: 'application/x-www-form-urlencoded', html: true }],
        ['POST', '/admin/revisi/99999999999999999999/kembalikan', { body: '', type: 'application/x-www-form-urlencoded', html: true }],
        ['POST', '/laporan/lacak/nilai', { body: 'null', type: 'application/json' }],
        ['POST', '/api/sessions', { body: '{"email":{"a":1},"password":["x"]}', type: 'application/json' }],
        ['POST', '/api/sessions', { body: `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`, type: 'application/json' }],
        ['POST', '/api/reports/X/rating', { body: '{"token":{"a":1},"rating":true}', type: 'application/json' }],
        ['POST', '/api/reports/X/rating', { body: '{"token":123,"rating":["x"]}', type: 'application/json' }],
      ];
      for (const [method, path, { body, type, html }] of cases) {
        const res = await request(platform.url, path, {
          host: own,
          method,
          body,
          headers: { accept: html ? 'text/html' : 'application/json', cookie, ...(type ? { 'content-type': type } : {}) },
        });
        assert.ok(res.status >= 400 && res.status < 500, `${method} ${path}: ${res.status} ${res.body.slice(0, 200)}`);
        assert.doesNotMatch(res.body, /\n\s+at |QueryFailedError|invalid byte sequence/, `${method} ${path} shows no internals`);
      }
      const nul = await request(platform.url, '/api/reports/A%00B', { host: own });
      assert.equal(nul.status, 400);
      assert.match(nul.json<ApiErrorJson>().message, /NUL/);
      const page = await request(platform.url, '/laporan/publik/%00', { host: own, headers: HTML });
      assert.equal(page.status, 400);
      assert.match(page.body, /karakter kosong \(NUL\)/, 'pages say it in Indonesian');
      const english = await request(platform.url, '/laporan/publik/%00?lang=en', { host: own, headers: HTML });
      assert.match(english.body, /NUL character/);
      const repeated = await request(platform.url, '/api/reports/X?token=a&token=b', { host: own });
      assert.equal(repeated.status, 400);
      const deep = await request(platform.url, '/api/sessions', {
        host: own,
        method: 'POST',
        body: `${'['.repeat(2000)}${']'.repeat(2000)}`,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(deep.status, 400);
    });
  }
});
