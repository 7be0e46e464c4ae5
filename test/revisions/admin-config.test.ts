import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseSubmission, ReportsService } from '@app/reports';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { pageCsrfToken } from '../support/csrf';
import { request } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { brandingForm, Caller, caller, csrfOf, HOSTS, sessionOf } from './admin-support';

/** The admin console's config pages on real PostgreSQL: validation, live application, rollback, agency retirement, isolation. */
describe('admin config pages', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let admin: Caller;
  let adminCookie: string;
  let csrfToken: string;
  const as: Record<string, Caller> = {};
  const revisions = (tenant: string) =>
    asOwner(
      db.url,
      async (c) =>
        (
          await c.query<{ revision: number; patch: object; author: string; message: string }>(
            `SELECT revision, patch, author, message FROM config_revisions WHERE tenant_id = $1 ORDER BY revision`,
            [tenant],
          )
        ).rows,
    );
  const jakartaHome = () => request(platform.url, '/', { host: HOSTS.jakarta }).then((r) => r.body);

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false' });
    const csrf = await csrfOf(platform.url, HOSTS.lampung);
    const lampung = (role: 'admin' | 'officer' | 'citizen', extra = {}) =>
      sessionOf(platform, 'lampung', { role, email: `${role}@lampung.test`, displayName: role, ...extra });
    const adminSid = await lampung('admin');
    admin = caller(platform.url, HOSTS.lampung, adminSid, csrf);
    adminCookie = `${csrf.cookie}; sid=${adminSid}`;
    // Tokens are bound to the session: the admin's is the one the admin's own pages show.
    csrfToken = await pageCsrfToken(platform.url, HOSTS.lampung, adminCookie);
    as.officer = caller(platform.url, HOSTS.lampung, await lampung('officer', { agencyCode: 'dinas-bmbk' }), csrf);
    as.citizen = caller(platform.url, HOSTS.lampung, await lampung('citizen'), csrf);
    as.anonymous = caller(platform.url, HOSTS.lampung, undefined, csrf);
    // Jakarta's admin, and their cookie presented to Lampung's host.
    as.jakartaAdminOnLampung = caller(
      platform.url,
      HOSTS.lampung,
      await sessionOf(platform, 'jakarta', { role: 'admin', email: 'admin@jakarta.test', displayName: 'Admin Jakarta' }),
      csrf,
    );
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  test('every config page renders for the admin', async () => {
    for (const path of [
      '/admin/tampilan',
      '/admin/layanan',
      '/admin/instansi',
      '/admin/kategori',
      '/admin/wilayah',
      '/admin/rute',
      '/admin/darurat',
      '/admin/revisi',
      '/admin/instansi?ubah=dinas-bmbk',
    ]) {
      const res = await admin.get(path);
      assert.equal(res.status, 200, `${path}: ${res.body.slice(0, 300)}`);
      assert.match(res.body, /name="_csrf"/, path);
    }
  });

  test('an invalid colour is a 422 naming the field, and nothing is saved', async () => {
    const res = await admin.post('/admin/tampilan', brandingForm({ primary: 'red', appName: 'Tidak Tersimpan' }));
    assert.equal(res.status, 422);
    assert.match(res.body, /id="primary-error"[^>]*>Tulis warna sebagai kode heksadesimal/);
    assert.doesNotMatch(res.body, /must be a colour/);
    assert.match(res.body, /<a href="#primary">/);
    assert.deepEqual(await revisions('lampung'), []);
    assert.doesNotMatch((await request(platform.url, '/', { host: HOSTS.lampung })).body, /Tidak Tersimpan/);
  });

  test('the preview renders the proposed branding without saving', async () => {
    const res = await admin.post('/admin/tampilan/pratinjau', brandingForm({ appName: 'Pratinjau-In', primary: '#123456' }));
    assert.equal(res.status, 200);
    // The page frames the real home page rendered with the proposed values.
    const src = /<iframe id="preview-frame"[^>]* src="([^"]+)"/
      .exec(res.body)?.[1]
      .replace(/&amp;/g, '&')
      .replace(/&#x3D;/g, '=');
    assert.ok(src, 'the preview page frames the home page');
    const framed = await admin.get(src);
    assert.equal(framed.status, 200);
    assert.match(framed.body, /class="brand__name">Pratinjau-In</);
    assert.match(framed.body, /--color-primary:#123456/);
    assert.match(String(framed.headers['content-security-policy']), /frame-ancestors 'self'/);
    assert.deepEqual(await revisions('lampung'), []);
    // The proposal stays out of the tenant's own pages (its compiled views are not the preview's).
    assert.doesNotMatch((await request(platform.url, '/', { host: HOSTS.lampung })).body, /Pratinjau-In/);
  });

  test('a valid change applies at once, is a revision with its author, and is audited', async () => {
    const res = await admin.post('/admin/tampilan', brandingForm({ appName: 'Lampung Baru', primary: '#aa0000', message: 'Warna baru' }));
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/admin/tampilan?tersimpan=1');
    const home = (await request(platform.url, '/', { host: HOSTS.lampung })).body;
    assert.match(home, /Lampung Baru/);
    assert.match(home, /--color-primary:#aa0000/);
    const [rev] = await revisions('lampung');
    assert.equal(rev.author, 'admin@lampung.test');
    assert.equal(rev.message, 'Warna baru');
    assert.deepEqual(rev.patch, { branding: { appName: 'Lampung Baru', colors: { primary: '#aa0000' } } });
    const audit = await asOwner(
      db.url,
      async (c) =>
        (
          await c.query<{ action: string; target: string; actor_label: string }>(
            `SELECT action, target, actor_label FROM audit_log WHERE tenant_id = 'lampung' AND action = 'config.revision'`,
          )
        ).rows,
    );
    assert.deepEqual(audit, [{ action: 'config.revision', target: '1', actor_label: 'admin@lampung.test' }]);
    assert.doesNotMatch(await jakartaHome(), /Lampung Baru|#aa0000/);
  });

  test('disabling a service removes it at once', async () => {
    const form = Object.fromEntries(
      [...(await admin.get('/admin/layanan')).body.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)]
        .filter(([tag]) => !/type="checkbox"/.test(tag) || / checked/.test(tag))
        .map(([tag, name]) => [name, /type="checkbox"/.test(tag) ? 'on' : (/value="([^"]*)"/.exec(tag)?.[1] ?? '')]),
    );
    delete form.enabled_directory;
    delete form._csrf;
    assert.equal((await admin.post('/admin/layanan', form)).status, 303);
    assert.equal((await request(platform.url, '/direktori', { host: HOSTS.lampung })).status, 404);
    assert.equal((await request(platform.url, '/direktori', { host: HOSTS.jakarta })).status, 200);
  });

  test('the revisions page shows each diff, escaped, and a rollback restores', async () => {
    const page = await admin.get('/admin/revisi');
    // Old → new, value by value.
    assert.match(
      page.body,
      /branding › appName<\/span>\s*<span class="change__values"><del[^>]*>Lampung-In<\/del>\s*<span aria-hidden="true">→<\/span>\s*<ins[^>]*>Lampung Baru<\/ins>/,
    );
    assert.match(page.body, /services › directory › enabled<\/span>\s*<span class="change__values"><del[^>]*>true<\/del>/);
    const asked = await admin.post('/admin/revisi/1/kembalikan', {});
    assert.equal(asked.status, 200, 'an unconfirmed rollback only asks');
    assert.match(asked.body, /id="confirm-form"/);
    assert.equal((await request(platform.url, '/direktori', { host: HOSTS.lampung })).status, 404, 'and changes nothing');
    const res = await admin.post('/admin/revisi/1/kembalikan', { confirm: 'yes' });
    assert.equal(res.status, 303);
    assert.equal((await request(platform.url, '/direktori', { host: HOSTS.lampung })).status, 200);
    assert.match((await request(platform.url, '/', { host: HOSTS.lampung })).body, /Lampung Baru/);
    const back = await admin.post('/admin/revisi/0/kembalikan', { confirm: 'yes', message: '<script>alert(1)</script>' });
    assert.equal(back.status, 303);
    const home = (await request(platform.url, '/', { host: HOSTS.lampung })).body;
    assert.match(home, /Lampung-In/);
    assert.match(home, /--color-primary:#0b6e4f/);
    const list = (await admin.get('/admin/revisi')).body;
    assert.doesNotMatch(list, /<script>alert/);
    assert.match(list, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.deepEqual(
      (await revisions('lampung')).map((r) => r.revision),
      [1, 2, 3, 4],
    );
  });

  test('a collection edit with a bad reference is a 422 on the field, and nothing is saved', async () => {
    const before = (await revisions('lampung')).length;
    const res = await admin.post('/admin/instansi', {
      mode: 'add',
      code: 'dinas-baru',
      name: 'Dinas Baru',
      kind: 'dinas',
      categories: 'jalan-rusak, tidak-ada',
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /id="categories-error"[^>]*>Kategori &#x27;tidak-ada&#x27; tidak ada\./);
    assert.doesNotMatch(res.body, /agencies\.dinas-baru|unknown category/, 'no config path, no developer English');
    const taken = await admin.post('/admin/instansi', { mode: 'add', code: 'dinas-bmbk', name: 'X', kind: 'dinas', categories: '' });
    assert.equal(taken.status, 422);
    assert.match(taken.body, /id="code-error"/);
    assert.equal((await revisions('lampung')).length, before);
    const ok = await admin.post('/admin/darurat', { mode: 'add', code: 'pln-lampung', name_id: 'PLN Lampung', number: '123' });
    assert.equal(ok.status, 303);
    assert.match((await request(platform.url, '/darurat', { host: HOSTS.lampung })).body, /PLN Lampung/);
  });

  test('an agency with open reports cannot be retired until they are reassigned', async () => {
    const registry = platform.app.get(TenantRegistry);
    const reports = platform.app.get(ReportsService);
    const { report } = await platform.app.get(TenantContext).run(registry.getOrThrow('lampung'), async () =>
      reports.submit(
        parseSubmission({
          category: 'jalan-rusak',
          latitude: '-5.4300',
          longitude: '105.2600',
          description: 'Jalan rusak parah dekat pasar, uji pensiun instansi.',
        }),
        { reporterAccountId: null, photos: [{ data: await testPhoto(77) }], photoRequired: true, channel: 'api' },
      ),
    );
    const agency = report.agencyCode;
    const before = (await revisions('lampung')).length;
    const asked = await admin.post('/admin/instansi/pensiun', { code: agency });
    assert.equal(asked.status, 200, 'an unconfirmed retirement only asks');
    assert.match(asked.body, /id="confirm-form"/);
    const refused = await admin.post('/admin/instansi/pensiun', { code: agency, confirm: 'yes' });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /masih memegang 1 laporan terbuka/);
    assert.doesNotMatch(refused.body, /still has|reassign them/);
    assert.match(refused.body, /id="reassign-form"/);
    assert.equal((await revisions('lampung')).length, before);

    const moved = await admin.post('/admin/instansi/alihkan', { from: agency, to: 'dinas-bmbk' });
    assert.equal(moved.status, 303);
    const rows = await asOwner(
      db.url,
      async (c) =>
        (
          await c.query<Record<string, unknown>>(
            `SELECT r.agency_code, e.kind, e.actor_role, e.data FROM reports r JOIN report_events e ON e.report_id = r.id
        WHERE r.id = $1 ORDER BY e.seq DESC LIMIT 1`,
            [report.id],
          )
        ).rows,
    );
    assert.deepEqual(rows, [
      { agency_code: 'dinas-bmbk', kind: 'routed', actor_role: 'admin', data: { fromAgency: agency, reassigned: true } },
    ]);
    const audit = await asOwner(
      db.url,
      async (c) => (await c.query<{ target: string }>(`SELECT target FROM audit_log WHERE action = 'config.agency.reassign'`)).rows,
    );
    assert.deepEqual(audit, [{ target: agency }]);
    // Now only the config itself stands in the way: routing rules still name the agency.
    const again = await admin.post('/admin/instansi/pensiun', { code: agency, confirm: 'yes' });
    assert.equal(again.status, 422);
    assert.match(again.body, /masih dipakai oleh Aturan rute [^<]+ → /);
    assert.doesNotMatch(again.body, /unknown agency|masih memegang|routing\.rules/);
  });

  test('citizens and officers get 403, anonymous callers go to sign-in, on every config route', async () => {
    const gets = [
      '/admin/tampilan',
      '/admin/layanan',
      '/admin/instansi',
      '/admin/kategori',
      '/admin/wilayah',
      '/admin/rute',
      '/admin/darurat',
      '/admin/revisi',
    ];
    const posts: [string, Record<string, string>][] = [
      ['/admin/tampilan', brandingForm({ appName: 'Diretas' })],
      ['/admin/tampilan/pratinjau', brandingForm()],
      ['/admin/layanan', {}],
      ['/admin/instansi', { mode: 'add', code: 'x', name: 'x', kind: 'dinas', categories: '' }],
      ['/admin/instansi/pensiun', { code: 'dinas-bmbk', confirm: 'yes' }],
      ['/admin/instansi/alihkan', { from: 'dinas-bmbk', to: 'pemkot-metro' }],
      ['/admin/kategori/pensiun', { code: 'jalan-rusak', confirm: 'yes' }],
      ['/admin/wilayah/pensiun', { code: '18.71', confirm: 'yes' }],
      ['/admin/rute/pensiun', { code: 'x', confirm: 'yes' }],
      ['/admin/darurat/pensiun', { code: 'darurat-112', confirm: 'yes' }],
      ['/admin/revisi/1/kembalikan', { confirm: 'yes' }],
    ];
    const before = (await revisions('lampung')).length;
    for (const who of ['citizen', 'officer', 'anonymous', 'jakartaAdminOnLampung']) {
      const expect = (status: number, location: string | undefined, what: string) => {
        if (who === 'citizen' || who === 'officer') assert.equal(status, 403, `${who} ${what}`);
        else {
          assert.ok([302, 303].includes(status), `${who} ${what} → ${status}`);
          assert.match(String(location), /^\/masuk\?next=/, `${who} ${what}`);
        }
      };
      for (const path of gets) {
        const res = await as[who].get(path);
        expect(res.status, res.headers.location as string, `GET ${path}`);
      }
      for (const [path, form] of posts) {
        const res = await as[who].post(path, form);
        expect(res.status, res.headers.location as string, `POST ${path}`);
      }
    }
    assert.equal((await revisions('lampung')).length, before);
  });

  test('an uploaded logo is checked by its content, stored under the tenant and applied at once; SVG is refused', async () => {
    const upload = (file: Buffer, type: string, token = csrfToken) => {
      const { body, contentType } = multipartBody({ _csrf: token, message: 'Logo baru' }, [
        { field: 'logo', filename: 'logo', type, data: file },
      ]);
      return request(platform.url, '/admin/tampilan/logo', {
        host: HOSTS.lampung,
        method: 'POST',
        body,
        headers: { accept: 'text/html', cookie: adminCookie, 'content-type': contentType },
      });
    };
    const before = (await revisions('lampung')).length;
    const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml');
    assert.equal(svg.status, 415);
    assert.match(svg.body, /Berkas harus berupa gambar JPEG, PNG, atau WebP\./, 'a media refusal, in Indonesian');
    const huge = await upload(Buffer.alloc(1_100_000, 7), 'image/png');
    assert.equal(huge.status, 413);
    assert.match(huge.body, /Ukuran berkas paling besar 1 MB\./);
    const english = multipartBody({ _csrf: csrfToken, message: 'Logo' }, [
      { field: 'logo', filename: 'logo', type: 'image/svg+xml', data: Buffer.from('<svg/>') },
    ]);
    const inEnglish = await request(platform.url, '/admin/tampilan/logo', {
      host: HOSTS.lampung,
      method: 'POST',
      body: english.body,
      headers: { accept: 'text/html', cookie: `${adminCookie}; lang=en`, 'content-type': english.contentType },
    });
    assert.equal(inEnglish.status, 415);
    assert.match(inEnglish.body, /The file must be a JPEG, PNG or WebP image\./);
    assert.equal((await upload(await testPhoto(5, 'png', 64), 'image/png', 'forged')).status, 403);
    assert.equal((await revisions('lampung')).length, before, 'nothing saved');

    const saved = await upload(await testPhoto(5, 'png', 64), 'image/png');
    assert.equal(saved.status, 303, saved.body.slice(0, 300));
    const logo = /<img class="brand__logo" src="(\/uploads\/branding\/logo-[a-f0-9]{16}\.png)"/.exec(
      (await request(platform.url, '/', { host: HOSTS.lampung })).body,
    )?.[1];
    assert.ok(logo, 'the home page shows the uploaded logo');
    const image = await request(platform.url, logo, { host: HOSTS.lampung });
    assert.equal(image.status, 200);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.equal((await request(platform.url, logo, { host: HOSTS.jakarta })).status, 404, "not on Jakarta's host");
    assert.equal((await revisions('lampung')).length, before + 1);
  });

  test("Lampung's admin changed nothing of Jakarta's", async () => {
    assert.deepEqual(await revisions('jakarta'), []);
    const jakarta = platform.app.get(TenantRegistry).getOrThrow('jakarta');
    assert.equal(jakarta.revision, 0);
    assert.equal(jakarta.config.branding.appName, 'JAKI');
    assert.equal(jakarta.isEnabled('directory'), true);
    const home = await jakartaHome();
    assert.match(home, /--color-primary:#1565c0/);
    const audit = await asOwner(
      db.url,
      async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = 'jakarta'`)).rows[0].n,
    );
    assert.equal(audit, 0);
  });
});
