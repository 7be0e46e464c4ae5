import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { parseCookies, serializeCookie } from './cookies';
import { CsrfService } from './csrf.service';

const csrf = new CsrfService(randomBytes(32));
const cookie = randomBytes(32).toString('base64url');

test('the token of a cookie verifies; any other does not', () => {
  const token = csrf.tokenFor(cookie);
  assert.equal(csrf.verify(cookie, token), true);
  assert.equal(csrf.verify(cookie, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')), false);
  assert.equal(csrf.verify(randomBytes(32).toString('base64url'), token), false, 'another cookie');
  assert.equal(csrf.verify(cookie, cookie), false, 'the cookie itself is not the token');
  assert.equal(csrf.verify(undefined, token), false);
  assert.equal(csrf.verify(cookie, undefined), false);
  assert.equal(csrf.verify(cookie, ['x']), false);
  assert.equal(csrf.verify('short', csrf.tokenFor('short')), false, 'malformed cookies are refused');
});

test('a token from another server secret does not verify', () => {
  const other = new CsrfService(randomBytes(32));
  assert.equal(csrf.verify(cookie, other.tokenFor(cookie)), false);
});

test('verifyRequest reads the form field or the header, never the query', () => {
  const token = csrf.tokenFor(cookie);
  const headers = { cookie: `lang=id; csrf=${cookie}` };
  assert.equal(csrf.verifyRequest({ method: 'POST', url: '/x', headers, body: { _csrf: token } }), true);
  assert.equal(csrf.verifyRequest({ method: 'POST', url: '/x', headers: { ...headers, 'x-csrf-token': token } }), true);
  assert.equal(csrf.verifyRequest({ method: 'POST', url: `/x?_csrf=${token}`, headers, query: { _csrf: token } }), false);
});

test('issue sets an HttpOnly SameSite=Lax cookie only when missing', () => {
  const set: string[] = [];
  const reply = { header: (_: string, v: string | string[]) => void set.push(String(v)) };
  const token = csrf.issue({ method: 'GET', url: '/', headers: {} }, reply);
  assert.equal(set.length, 1);
  assert.match(set[0], /^csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  const value = parseCookies(set[0].split(';')[0])['csrf'];
  assert.equal(csrf.verify(value, token), true);
  csrf.issue({ method: 'GET', url: '/', headers: { cookie: `csrf=${value}` } }, reply);
  assert.equal(set.length, 1, 'no new cookie when one is there');
  csrf.issue({ method: 'GET', url: '/', headers: {}, protocol: 'https' }, reply);
  assert.match(set[1], /; Secure;/);
});

test('cookies parse and serialize', () => {
  assert.deepEqual({ ...parseCookies('a=1; b="two"; c=%20x; a=shadowed; bad') }, { a: '1', b: 'two', c: ' x' });
  assert.equal(serializeCookie('sid', 'v', { httpOnly: true, sameSite: 'Lax', maxAge: 60 }), 'sid=v; Max-Age=60; Path=/; HttpOnly; SameSite=Lax');
  assert.throws(() => serializeCookie('bad name', 'v'));
});
