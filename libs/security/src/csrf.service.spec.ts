import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import cookiePlugin from '@fastify/cookie';
import Fastify from 'fastify';
import { RequestContext, Tenant, TenantContext } from '@app/tenancy';
import { clearSiteCookie, requestCookie, setSiteCookie } from './cookies';
import { CsrfService } from './csrf.service';
import { WebRequest } from './web-request';

const context = new TenantContext(new RequestContext());
const csrf = new CsrfService(randomBytes(32), context);
const cookie = randomBytes(32).toString('base64url');
const JAKARTA = { tenant: 'jakarta', session: '' };
const asTenant = <T>(slug: string, fn: () => T): T => context.run({ slug } as Tenant, fn);

test('the token of a cookie verifies; any other does not', () => {
  const token = csrf.tokenFor(cookie, JAKARTA);
  assert.equal(csrf.verify(cookie, token, JAKARTA), true);
  assert.equal(csrf.verify(cookie, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), JAKARTA), false);
  assert.equal(csrf.verify(randomBytes(32).toString('base64url'), token, JAKARTA), false, 'another cookie');
  assert.equal(csrf.verify(cookie, cookie, JAKARTA), false, 'the cookie itself is not the token');
  assert.equal(csrf.verify(undefined, token, JAKARTA), false);
  assert.equal(csrf.verify(cookie, undefined, JAKARTA), false);
  assert.equal(csrf.verify(cookie, ['x'], JAKARTA), false);
  assert.equal(csrf.verify('short', csrf.tokenFor('short', JAKARTA), JAKARTA), false, 'malformed cookies are refused');
});

test('a token is bound to its tenant and its session', () => {
  const token = csrf.tokenFor(cookie, JAKARTA);
  assert.equal(csrf.verify(cookie, token, { tenant: 'lampung', session: '' }), false, 'minted on another tenant');
  assert.equal(csrf.verify(cookie, token, { tenant: 'jakarta', session: 'a'.repeat(64) }), false, 'minted signed out, used signed in');
  const signedIn = csrf.tokenFor(cookie, { tenant: 'jakarta', session: 'a'.repeat(64) });
  assert.equal(csrf.verify(cookie, signedIn, { tenant: 'jakarta', session: 'b'.repeat(64) }), false, 'another session');
  assert.equal(csrf.verify(cookie, signedIn, JAKARTA), false, 'after signing out');
  // No separator games: tenant "a" + session "b:c" is not tenant "a:b" + session "c".
  assert.notEqual(csrf.tokenFor(cookie, { tenant: 'a', session: 'b\0c' }), csrf.tokenFor(cookie, { tenant: 'a\0b', session: 'c' }));
});

test('a token from another server secret does not verify', () => {
  const other = new CsrfService(randomBytes(32), context);
  assert.equal(csrf.verify(cookie, other.tokenFor(cookie, JAKARTA), JAKARTA), false);
});

test('bindingOf: the tenant in context and the sha256 of the sid cookie', () => {
  const sid = randomBytes(32).toString('base64url');
  const req: WebRequest = { method: 'POST', url: '/', headers: {}, cookies: { sid, csrf: cookie } };
  assert.deepEqual(
    asTenant('lampung', () => csrf.bindingOf(req)),
    { tenant: 'lampung', session: createHash('sha256').update(sid).digest('hex') },
  );
  assert.deepEqual(csrf.bindingOf({ ...req, cookies: {} }), { tenant: '', session: '' }, 'no tenant outside a request');
});

test('verifyRequest reads the form field or the header, never the query', () => {
  asTenant('jakarta', () => {
    const token = csrf.tokenFor(cookie, JAKARTA);
    const cookies = { lang: 'id', csrf: cookie };
    assert.equal(csrf.verifyRequest({ method: 'POST', url: '/x', headers: {}, cookies, body: { _csrf: token } }), true);
    assert.equal(csrf.verifyRequest({ method: 'POST', url: '/x', headers: { 'x-csrf-token': token }, cookies }), true);
    assert.equal(csrf.verifyRequest({ method: 'POST', url: `/x?_csrf=${token}`, headers: {}, cookies, query: { _csrf: token } }), false);
  });
});

/** A real Fastify with @fastify/cookie, as the platform registers it. */
async function server() {
  const app = Fastify();
  await app.register(cookiePlugin);
  app.get('/issue', (req, reply) => asTenant('jakarta', () => ({ token: csrf.issue(req as unknown as WebRequest, reply) })));
  app.get('/read', (req) => ({ sid: requestCookie(req as unknown as WebRequest, 'sid') ?? null }));
  app.get('/set', (req, reply) => {
    setSiteCookie(req as unknown as WebRequest, reply, 'sid', 'v a;l', { maxAge: 60 });
    clearSiteCookie(req as unknown as WebRequest, reply, 'old');
    return 'ok';
  });
  return app;
}

test('issue sets an HttpOnly SameSite=Lax cookie only when missing, Secure over https', async () => {
  const app = await server();
  const first = await app.inject({ url: '/issue' });
  const set = String(first.headers['set-cookie']);
  assert.match(set, /^csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  const value = /^csrf=([^;]+)/.exec(set)![1];
  assert.equal(csrf.verify(value, first.json<{ token: string }>().token, JAKARTA), true);
  const again = await app.inject({ url: '/issue', headers: { cookie: `csrf=${value}` } });
  assert.equal(again.headers['set-cookie'], undefined, 'no new cookie when one is there');
  assert.equal(again.json<{ token: string }>().token, first.json<{ token: string }>().token);
  await app.close();

  const behindProxy = Fastify({ trustProxy: true });
  await behindProxy.register(cookiePlugin);
  behindProxy.get('/issue', (req, reply) => asTenant('jakarta', () => ({ token: csrf.issue(req as unknown as WebRequest, reply) })));
  const https = await behindProxy.inject({ url: '/issue', headers: { 'x-forwarded-proto': 'https' } });
  assert.match(String(https.headers['set-cookie']), /; Secure/);
  await behindProxy.close();
});

test('cookies: parsed by @fastify/cookie (first of a repeated name wins), written with our flags', async () => {
  const app = await server();
  assert.deepEqual((await app.inject({ url: '/read', headers: { cookie: 'a=1; sid=first; sid=shadowed; bad' } })).json(), { sid: 'first' });
  assert.deepEqual((await app.inject({ url: '/read', headers: { cookie: 'sid=%20x' } })).json(), { sid: ' x' });
  assert.deepEqual((await app.inject({ url: '/read', headers: { cookie: '__proto__=x; constructor=y' } })).json(), { sid: null });
  const set = (await app.inject({ url: '/set' })).headers['set-cookie'] as string[];
  assert.deepEqual(set, ['sid=v%20a%3Bl; Max-Age=60; Path=/; HttpOnly; SameSite=Lax', 'old=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
  await app.close();
});
