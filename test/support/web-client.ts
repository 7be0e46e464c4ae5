import assert from 'node:assert/strict';
import { request, Response } from './http';
import { multipartBody } from './images';

const HTML = { accept: 'text/html,application/xhtml+xml' };

/** One browser's cookie jar on one site (a real browser keeps cookies per host). */
export class WebClient {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly url: () => string,
    readonly host: string,
  ) {}

  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await request(this.url(), path, { host: this.host, headers: { ...HTML, cookie: this.cookie, ...headers } }));
  }

  async postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(
      await request(this.url(), path, {
        host: this.host,
        method: 'POST',
        body: new URLSearchParams(fields).toString(),
        headers: { ...HTML, cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      }),
    );
  }

  async postMultipart(path: string, fields: Record<string, string>, photos: Buffer[] = []): Promise<Response> {
    const { body, contentType } = multipartBody(
      fields,
      photos.map((data, i) => ({ field: 'photos', filename: `foto${i}.jpg`, type: 'image/jpeg', data })),
    );
    return this.keep(
      await request(this.url(), path, {
        host: this.host,
        method: 'POST',
        body,
        headers: { ...HTML, cookie: this.cookie, 'content-type': contentType },
      }),
    );
  }

  async signIn(email: string, password: string, next?: string): Promise<Response> {
    const page = await this.get('/masuk');
    const res = await this.postForm('/masuk', { _csrf: csrfOf(page.body), email, password, ...(next ? { next } : {}) });
    assert.equal(res.status, 303, `sign-in of ${email}: ${res.body.slice(0, 300)}`);
    return res;
  }

  private keep(res: Response): Response {
    const raw = res.headers['set-cookie'];
    for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
    return res;
  }
}

export function csrfOf(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  assert.ok(match, 'the page has a CSRF token');
  return match[1];
}

export function hiddenField(body: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(body);
  assert.ok(match, `the form has ${name}`);
  return match[1];
}
