import assert from 'node:assert/strict';
import { request } from './http';

const tokens = new Map<string, string>();

/**
 * The CSRF token the site's pages show to a browser with `cookie` (its
 * `csrf=…` cookie, and `sid=…` when signed in). Tokens are bound to the
 * tenant and the session, so a signed-in caller takes it from a page of its
 * own session: the account menu's sign-out form on `/`; signed out, the
 * sign-in form.
 */
export async function pageCsrfToken(url: string, host: string, cookie: string): Promise<string> {
  const id = `${host}|${cookie}`;
  const known = tokens.get(id);
  if (known) return known;
  const signedIn = /(^|;\s*)sid=/.test(cookie);
  let page = await request(url, signedIn ? '/' : '/masuk', { host, headers: { accept: 'text/html', cookie } });
  // A session of another tenant signs nobody in here: no account menu, but the sign-in form (bound to that cookie all the same).
  if (signedIn && !page.body.includes('name="_csrf"'))
    page = await request(url, '/masuk', { host, headers: { accept: 'text/html', cookie } });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(token, `a page of ${host} shows this browser a CSRF token`);
  tokens.set(id, token);
  return token;
}
