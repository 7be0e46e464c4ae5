import { AccountsService, StaffAccount } from '@app/accounts';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { request, Response } from '../support/http';
import { pageCsrfToken } from '../support/csrf';
import { RunningPlatform } from '../support/platform';

export const HOSTS = { jakarta: 'jakarta.localhost', lampung: 'lampung.localhost' } as const;
export const PASSWORD = 'kata-sandi-admin-123';

/** A session token for a new account of `slug` (staff, or a citizen when role is 'citizen'), started directly (no sign-in form, no TOTP). */
export async function sessionOf(
  platform: RunningPlatform,
  slug: string,
  account: Omit<StaffAccount, 'password'> | { role: 'citizen'; email: string; displayName: string },
): Promise<string> {
  const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
  const accounts = platform.app.get(AccountsService);
  return platform.app.get(TenantContext).run(tenant, async () => {
    const made =
      account.role === 'citizen'
        ? await accounts.registerCitizen({ ...account, password: PASSWORD }, '127.0.0.1')
        : await accounts.createStaff({ ...(account as StaffAccount), password: PASSWORD });
    return (await accounts.startSession(made)).token;
  });
}

/** A CSRF cookie and its form token, from any page with a form. */
export async function csrfOf(url: string, host: string): Promise<{ cookie: string; token: string }> {
  const page = await request(url, '/masuk', { host, headers: { accept: 'text/html' } });
  const cookie = [page.headers['set-cookie']]
    .flat()
    .map((c) => String(c).split(';')[0])
    .find((c) => c.startsWith('csrf='))!;
  return { cookie, token: /name="_csrf" value="([^"]+)"/.exec(page.body)![1] };
}

export interface Caller {
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>): Promise<Response>;
}

/** Requests to `host` with the `sid` session (or none) and a valid CSRF token. */
export function caller(url: string, host: string, sid: string | undefined, csrf: { cookie: string; token: string }): Caller {
  const cookie = [csrf.cookie, sid ? `sid=${sid}` : ''].filter(Boolean).join('; ');
  return {
    get: (path) => request(url, path, { host, headers: { accept: 'text/html', cookie } }),
    // Tokens are bound to the session: a signed-in caller uses the one its own pages show.
    post: async (path, form) =>
      request(url, path, {
        host,
        method: 'POST',
        body: new URLSearchParams({ _csrf: sid ? await pageCsrfToken(url, host, cookie) : csrf.token, ...form }).toString(),
        headers: { accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded' },
      }),
  };
}

/** The branding form as the console fills it for Lampung, with `changes` applied. */
export function brandingForm(changes: Record<string, string> = {}): Record<string, string> {
  return {
    appName: 'Lampung-In',
    primary: '#0b6e4f',
    secondary: '#d4a017',
    accent: '#b71c1c',
    text: '#1f2933',
    background: '#ffffff',
    tagline_id: 'Layanan warga Provinsi Lampung dalam satu aplikasi',
    tagline_en: 'Lampung Province citizen services in one app',
    ...changes,
  };
}
