import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createPlatform } from '../../apps/platform/src/platform';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request, Response } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { csrfOf, HOSTS, sessionOf } from '../revisions/admin-support';
import { ReportJson } from '../support/api';

/**
 * Every route of the app, on both tenants, signed out and signed in (citizen,
 * admin), with generated hostile input in the path, the query, the body (JSON,
 * urlencoded, multipart) and the headers: no answer is a 5xx and no body holds
 * a stack trace. The routes come from Fastify's route table, so a new route is
 * fuzzed without anyone adding it here. Bounded: a fixed number of runs per route.
 */

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const STACK_TRACE = /\n\s+at .+\(.*:\d+:\d+\)|\bat (async )?[\w.<>]+ \(\/|node:internal|QueryFailedError|TypeError:|RangeError:/;

interface Route {
  method: string;
  url: string;
}

/** Strings the first attack run used, and their cousins. */
const NASTY = [
  '\0',
  'A\0B',
  '%00',
  '\uD800',
  '\uDFFF',
  '💥',
  'é',
  '',
  ' ',
  '99999999999999999999',
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  "'; DROP TABLE reports; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '..%2F..%2F',
  '//evil.example',
  'a'.repeat(5000),
  '00000000-0000-0000-0000-000000000000',
  'JK2611290001',
  '\r\nX-Injected: 1',
  '%',
  '%zz',
  '\u202e',
  'ä'.repeat(300),
];
const NAMES = [
  'token',
  'tiket',
  'ticket',
  'halaman',
  'page',
  'status',
  'next',
  'lang',
  'actor',
  'action',
  'from',
  'to',
  'category',
  'region',
  'service_request_id',
  'service_code',
  'start_date',
  'end_date',
  'api_key',
  'email',
  'password',
  'displayName',
  'code',
  'description',
  'rating',
  'comment',
  'note',
  'privacy',
  'latitude',
  'longitude',
  'appName',
  'agencyCode',
  'regionCode',
  'role',
  'name',
  'title',
  'body',
  'selesai',
  'q',
  'key',
  'primary',
  'enabled',
  'to',
  'agency',
  'lat',
  'long',
  'media_url',
  'address_string',
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.stringMatching(/^[0-9]{1,25}$/),
);
const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  fc.constant({ a: 1 }),
);
/** A JSON body: an object of known and unknown names with hostile values, or a hostile top level (null, a list, 2,000 levels deep). */
const jsonBody = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...NAMES), nastyString), nastyJson, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('null', '123', '"x"', '["x"]', 'true', '{', '{"a":', '', '{"__proto__":{"x":1}}', '{"token":{"a":1}}'),
  },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 3000 }).map((d) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 3000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`) },
);
const fields = fc.dictionary(
  fc.oneof(fc.constantFrom(...NAMES), nastyString),
  fc.oneof(nastyString, fc.array(nastyString, { minLength: 2, maxLength: 3 })),
  { maxKeys: 6 },
);

/** A path for `url`, each `:param` and `*` replaced by a hostile segment, encoded one of several ways. */
function pathArbitrary(url: string): fc.Arbitrary<string> {
  const holes = url.match(/:[A-Za-z_]+|\*/g) ?? [];
  const segment = fc.oneof(
    nastyString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'))),
    fc.constantFrom(
      '%00',
      'A%00B',
      '%FF',
      '%E0%A4',
      '%zz',
      '99999999999999999999',
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e',
      'x.json',
      '%00.json',
      'a.yaml',
      '-1',
      '1.5',
    ),
  );
  return fc.tuple(...holes.map(() => segment)).map((values) => {
    let i = 0;
    return url.replace(/:[A-Za-z_]+|\*/g, () => values[i++] ?? 'x');
  });
}

const query = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...NAMES),
        fc.oneof(
          nastyString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'))),
          fc.constantFrom('%00', '%FF', '%zz', 'a&token=b'),
        ),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : '')),
);

const headerValue = fc.oneof(
  fc.constantFrom('', 'x', 'en', 'id;q=0.1, *', '😀'.repeat(3), 'a'.repeat(300), 'sid=%00; csrf=x', 'Bearer \u00ff'),
  fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
);

describe('hostile input on every route of both tenants: no 5xx, no stack trace', () => {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof createPlatform>>['app'];
  let url: string;
  const routes: Route[] = [];
  const identities: Record<string, { cookie: string; token: string; bearer?: string }[]> = {};
  const tickets: string[] = [];

  before(async () => {
    db = await createTestDatabase();
    ({ app } = await createPlatform(
      {
        DATABASE_URL: db.url,
        TENANTS_DIR: join(__dirname, '..', '..', '..', 'tenants'),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'replika-')),
      },
      { logger: false },
    ));
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (r: { method: string | string[]; url: string }) => {
        for (const method of [r.method].flat()) if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, url: r.url });
      });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const running = { url, app, close: () => app.close() };
    for (const [slug, host] of Object.entries(HOSTS)) {
      const csrf = await csrfOf(url, host);
      const citizen = await sessionOf(running, slug, { role: 'citizen', email: `warga@${slug}.example`, displayName: 'Warga' });
      const admin = await sessionOf(running, slug, { role: 'admin', email: `admin@${slug}.example`, displayName: 'Admin' });
      identities[host] = [
        { cookie: csrf.cookie, token: csrf.token },
        { cookie: `${csrf.cookie}; sid=${citizen}`, token: csrf.token, bearer: citizen },
        { cookie: `${csrf.cookie}; sid=${admin}`, token: csrf.token, bearer: admin },
      ];
    }
    // One real report, so that the report routes also meet a ticket that exists.
    const { body, contentType } = multipartBody(
      {
        category: 'jalan-rusak',
        latitude: '-6.2440',
        longitude: '106.8000',
        description: 'Jalan berlubang di depan pasar, membahayakan.',
        privacy: 'public',
      },
      [{ field: 'photos', filename: 'foto.jpg', type: 'image/jpeg', data: await testPhoto(7) }],
    );
    const made = await request(url, '/api/reports', {
      host: HOSTS.jakarta,
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    if (made.status === 201) tickets.push(made.json<ReportJson>().ticket);
  });
  after(async () => {
    await app?.close();
    await db?.drop();
  });

  test('the route table was read', () => {
    assert.ok(routes.length >= 40, `only ${routes.length} routes`);
    assert.ok(
      routes.some((r) => r.url.startsWith('/open311/')) &&
        routes.some((r) => r.url.startsWith('/admin/')) &&
        routes.some((r) => r.url.startsWith('/api/')),
    );
  });

  test('no 5xx and no stack trace on any route', { timeout: 170_000 }, async () => {
    const failures: string[] = [];
    let sent = 0;
    const started = Date.now();
    for (const route of routes) {
      // Signing out would end the shared sessions; it is fuzzed signed out only.
      const signOut = /keluar|sessions/.test(route.url);
      const path = fc.oneof(
        { weight: 4, arbitrary: pathArbitrary(route.url) },
        {
          weight: 1,
          arbitrary:
            tickets.length && route.url.includes(':ticket')
              ? fc.constant(route.url.replace(':ticket', tickets[0]).replace(/:[A-Za-z_]+|\*/g, 'x'))
              : pathArbitrary(route.url),
        },
      );
      const unsafe = route.method !== 'GET';
      const body = unsafe
        ? fc.oneof(
            fc.constant(undefined),
            jsonBody.map((b) => ({ type: 'application/json', body: b })),
            fields.map((f) => ({ type: 'application/x-www-form-urlencoded', body: f, csrf: true })),
            fc
              .constantFrom('%00=x&_csrf=%FF', 'a=%zz', 'a', '=&&=', 'x=\u00ff')
              .map((b) => ({ type: 'application/x-www-form-urlencoded', body: b })),
            fields.map((f) => ({ type: 'multipart', body: f, csrf: true })),
          )
        : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...Object.values(HOSTS)),
          fc.integer({ min: 0, max: 2 }),
          path,
          query,
          body,
          fc.boolean(),
          headerValue,
          headerValue,
          async (host, who, p, q, b, html, lang, key) => {
            const id = identities[host][signOut ? 0 : who];
            const headers: Record<string, string> = {
              accept: html ? 'text/html' : 'application/json',
              'accept-language': lang,
              'idempotency-key': key,
              cookie: id.cookie,
            };
            if (id.bearer && route.url.startsWith('/api/')) headers.authorization = `Bearer ${id.bearer}`;
            let payload: string | Buffer | undefined;
            if (b && typeof b === 'object' && 'type' in b) {
              headers['x-csrf-token'] = id.token;
              if (b.type === 'application/json') {
                payload = b.body as string;
                headers['content-type'] = 'application/json';
              } else if (b.type === 'multipart') {
                const m = multipartBody(
                  Object.fromEntries(Object.entries({ _csrf: id.token, ...(b.body as object) }).map(([k, v]) => [k, String(v)])),
                  [],
                );
                payload = m.body;
                headers['content-type'] = m.contentType;
              } else if (typeof b.body === 'string') {
                payload = b.body;
                headers['content-type'] = b.type;
              } else {
                const form = new URLSearchParams({ _csrf: id.token });
                for (const [k, v] of Object.entries(b.body)) for (const one of [v].flat()) form.append(k, one);
                payload = form.toString();
                headers['content-type'] = b.type;
              }
            }
            let res: Response;
            try {
              res = await request(url, `${p}${q}`, { host, method: route.method, headers, body: payload });
            } catch (e) {
              // Node's client refuses some targets itself (bytes it will not send): nothing reached the server.
              const code = (e as { code?: string }).code;
              if (code === 'ERR_UNESCAPED_CHARACTERS' || code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') return true;
              failures.push(`${route.method} ${p}${q} [${host}] → no answer: ${String(e)}`);
              return true;
            }
            sent++;
            if (res.status >= 500 || STACK_TRACE.test(res.body)) {
              failures.push(
                `${route.method} ${p}${q} [${host}, ${['anonymous', 'citizen', 'admin'][who]}, ${headers['content-type'] ?? '-'} ${String(payload ?? '').slice(0, 120)}] → ${res.status} ${res.body.slice(0, 200)}`,
              );
            }
            return true;
          },
        ),
        { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
      );
    }
    assert.ok(sent >= routes.length * RUNS_PER_ROUTE * 0.7, `only ${sent} requests were sent for ${routes.length} routes`);
    assert.deepEqual(failures, [], `${failures.length} of ${sent} requests failed (${Date.now() - started} ms)`);
  });
});
