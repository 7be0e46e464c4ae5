import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AccountsService, AccountView } from '@app/accounts';
import { parseSubmission, ReportActionsService, ReportsService } from '@app/reports';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { linkIn, ReceivedMail, TestSmtpServer } from '../support/smtp';
import { csrfOf, WebClient } from '../support/web-client';
import { caller, csrfOf as csrfCookieOf, HOSTS, PASSWORD, sessionOf } from '../revisions/admin-support';
import { demoReports } from '../../apps/cli/src/demo-reports';

const PRIMARY = { jakarta: 'jaki.jakarta.go.id', lampung: 'lampungin.lampungprov.go.id' } as const;
const FROM = { jakarta: 'no-reply@jaki.jakarta.go.id', lampung: 'no-reply@lampungin.lampungprov.go.id' } as const;
type Slug = keyof typeof HOSTS;

/**
 * E-mail as people receive it, through a real SMTP server started here
 * (smtp-server), the platform on PostgreSQL with pg-boss sending each
 * message from a job: status changes on both tenants, the tracking link an
 * anonymous reporter asked for, password resets (single use, expiry, one
 * tenant's link useless on the other), staff invitations that land in the
 * console; and the account pages: sessions, password change, deletion.
 */
/** The id of the session a session list marks as the current one. */
function currentSession(body: string): string {
  const item = body.split('<li class="session-list__item"').find((part) => part.includes('Perangkat ini'));
  assert.ok(item, 'the list marks the current session');
  return /data-session="([0-9a-f-]{36})"/.exec(item)![1];
}

describe('e-mail and account recovery', () => {
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let platform: RunningPlatform;
  let seq = 0;

  before(async () => {
    db = await createTestDatabase();
    smtp = await TestSmtpServer.start();
    platform = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false', SMTP_URL: smtp.url });
  });
  after(async () => {
    await platform?.close();
    await smtp?.close();
    await db?.drop();
  });

  const web = (slug: Slug) => new WebClient(() => platform.url, HOSTS[slug]);

  function inTenant<T>(slug: Slug, fn: () => Promise<T>): Promise<T> {
    return platform.app.get(TenantContext).run(platform.app.get(TenantRegistry).getOrThrow(slug), fn);
  }

  async function citizen(slug: Slug): Promise<{ email: string; client: WebClient; account: AccountView }> {
    seq += 1;
    const email = `warga${seq}@${slug}.test`;
    const account = await inTenant(slug, () =>
      platform.app.get(AccountsService).registerCitizen({ email, password: PASSWORD, displayName: `Warga ${seq}` }, `10.0.0.${seq}`),
    );
    const client = web(slug);
    await client.signIn(email, PASSWORD);
    return { email, client, account };
  }

  async function submit(slug: Slug, reporter: { accountId: string | null; notifyEmail?: string }) {
    const tenant = platform.app.get(TenantRegistry).getOrThrow(slug);
    const demo = demoReports(tenant.config)!;
    seq += 1;
    return inTenant(slug, async () =>
      platform.app.get(ReportsService).submit(
        parseSubmission({
          category: demo.categories[0],
          latitude: String(demo.at.lat),
          longitude: String(demo.at.lng),
          region: demo.region ?? '',
          description: 'Saluran air tersumbat sampah, air meluap ke jalan setiap hujan.',
          ...(reporter.notifyEmail ? { notifyEmail: reporter.notifyEmail } : {}),
        }),
        { reporterAccountId: reporter.accountId, photos: [{ data: await testPhoto(seq + 700) }], photoRequired: true, channel: 'api' },
      ),
    );
  }

  /** An officer of the report's agency starts work on it (Proses), as the console's action does. */
  async function startWork(slug: Slug, ticket: string, agencyCode: string): Promise<void> {
    seq += 1;
    await inTenant(slug, async () => {
      const officer = await platform.app
        .get(AccountsService)
        .createStaff({ email: `petugas${seq}@${slug}.test`, password: PASSWORD, displayName: 'Petugas', role: 'officer', agencyCode });
      await platform.app
        .get(ReportActionsService)
        .act({ accountId: officer.id, role: 'officer', agencyCode }, ticket, { action: 'proses' });
    });
  }

  for (const slug of ['jakarta', 'lampung'] as const) {
    test(`${slug}: the reporter receives the plain-language status and a link when their report moves`, async () => {
      const { email, account } = await citizen(slug);
      const { report } = await submit(slug, { accountId: account.id });
      await startWork(slug, report.ticketNo, report.agencyCode);
      const mail = await smtp.waitFor(email, (m) => m.subject.includes(report.ticketNo));
      assert.equal(mail.from, FROM[slug]);
      assert.match(mail.subject, /Proses/);
      assert.match(mail.text, /Petugas sedang menangani masalah ini di lapangan\./, 'the status in plain words');
      assert.match(mail.html, /Petugas sedang menangani/);
      const link = linkIn(mail, '/laporan/saya/');
      assert.equal(link.host, PRIMARY[slug], 'absolute links name the tenant’s own host');
      assert.equal(link.pathname, `/laporan/saya/${report.ticketNo}`);
    });
  }

  test('an anonymous reporter who left an e-mail gets the tracking link at once, and the status later with the same link', async () => {
    const address = 'anonim@contoh.id';
    const { report, trackingToken } = await submit('jakarta', { accountId: null, notifyEmail: address });
    const first = await smtp.waitFor(address, (m) => m.subject.includes(report.ticketNo));
    const link = linkIn(first, '/laporan/lacak');
    assert.equal(link.searchParams.get('token'), trackingToken);
    const page = await web('jakarta').get(link.pathname + link.search);
    assert.equal(page.status, 200);
    assert.ok(page.body.includes(report.ticketNo));

    await startWork('jakarta', report.ticketNo, report.agencyCode);
    const update = await smtp.waitFor(address, (m) => m.subject.includes('Proses'));
    assert.equal(linkIn(update, '/laporan/lacak').searchParams.get('token'), trackingToken);
    const stored = await asOwner(
      db.url,
      async (c) =>
        (await c.query<{ sealed_token: string }>(`SELECT sealed_token FROM report_subscriptions WHERE report_id = $1`, [report.id])).rows,
    );
    assert.ok(!String(stored[0].sealed_token).includes(trackingToken!), 'the token is stored sealed, not as it is');
  });

  async function requestReset(slug: Slug, email: string): Promise<string> {
    const client = web(slug);
    const form = await client.get('/masuk/lupa');
    assert.equal(form.status, 200);
    const sent = await client.postForm('/masuk/lupa', { _csrf: csrfOf(form.body), email });
    assert.equal(sent.status, 200, sent.body.slice(0, 300));
    return sent.body;
  }

  async function resetMail(email: string, after: number): Promise<ReceivedMail> {
    return smtp.waitFor(email, (m) => m.subject.includes('Atur ulang kata sandi') && smtp.received.indexOf(m) >= after);
  }

  test('password reset: the same answer for any address, a link that works once, sessions ended, the new password signs in', async () => {
    const { email, client: before } = await citizen('jakarta');
    const mark = smtp.received.length;
    const known = await requestReset('jakarta', email);
    const unknown = await requestReset('jakarta', 'tidak-ada@contoh.id');
    const notice = (body: string, address: string) => /id="reset-sent">([^<]*)</.exec(body)![1].replace(address, '');
    assert.equal(notice(known, email), notice(unknown, 'tidak-ada@contoh.id'), 'an unknown address is answered the same');

    const mail = await resetMail(email, mark);
    assert.equal(mail.from, FROM.jakarta);
    const link = linkIn(mail, '/masuk/sandi-baru/');
    assert.equal(
      link.hostname,
      HOSTS.jakarta,
      'the link names the tenant’s configured host the request came in on (in production: its primary host)',
    );
    const stored = await asOwner(db.url, async (c) =>
      (await c.query<{ token_hash: string }>(`SELECT token_hash FROM password_resets`)).rows.map((r) => r.token_hash),
    );
    assert.ok(!stored.includes(link.pathname.split('/').pop()!), 'only a hash of the token is stored');

    const reader = web('jakarta');
    const form = await reader.get(link.pathname);
    assert.equal(form.status, 200);
    assert.equal(form.headers['referrer-policy'], 'no-referrer');
    assert.match(String(form.headers['cache-control']), /no-store/);
    const short = await reader.postForm(link.pathname, { _csrf: csrfOf(form.body), password: 'pendek' });
    assert.equal(short.status, 422, 'a too-short password is refused and the link still works');
    const done = await reader.postForm(link.pathname, { _csrf: csrfOf(form.body), password: 'sandi-baru-yang-panjang' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, '/masuk?sandi=baru');

    assert.equal((await before.get('/akun')).status, 303, 'the session from before the reset is over');
    const fresh = web('jakarta');
    await fresh.signIn(email, 'sandi-baru-yang-panjang');
    const old = await web('jakarta').postForm('/masuk', {
      _csrf: csrfOf((await fresh.get('/masuk/lupa')).body),
      email,
      password: PASSWORD,
    });
    assert.notEqual(old.status, 303, 'the old password no longer signs in');

    const again = await reader.get(link.pathname);
    assert.equal(again.status, 404, 'a used link is dead');
    const reuse = await reader.postForm(link.pathname, {
      _csrf: csrfOf((await reader.get('/masuk/lupa')).body),
      password: 'sandi-lain-yang-panjang',
    });
    assert.equal(reuse.status, 404);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(smtp.to('tidak-ada@contoh.id').length, 0, 'no mail goes to an address without an account');
  });

  test('password reset links expire, only the newest one works, and one tenant’s link is nothing on the other', async () => {
    const { email } = await citizen('lampung');
    let mark = smtp.received.length;
    await requestReset('lampung', email);
    const first = linkIn(await resetMail(email, mark), '/masuk/sandi-baru/');
    mark = smtp.received.length;
    await requestReset('lampung', email);
    const second = linkIn(await resetMail(email, mark), '/masuk/sandi-baru/');
    assert.equal((await web('lampung').get(first.pathname)).status, 404, 'a newer link replaces the older one');

    const jakarta = web('jakarta');
    const onJakarta = await jakarta.get(second.pathname);
    assert.equal(onJakarta.status, 404, 'Lampung’s link does not work on Jakarta');
    const post = await jakarta.postForm(second.pathname, {
      _csrf: csrfOf((await jakarta.get('/masuk/lupa')).body),
      password: 'sandi-dari-jakarta-panjang',
    });
    assert.equal(post.status, 404);
    assert.equal((await web('lampung').get(second.pathname)).status, 200, 'and it still works on Lampung');

    await asOwner(db.url, (c) => c.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`));
    assert.equal((await web('lampung').get(second.pathname)).status, 404, 'an expired link is dead');
  });

  test('reset requests are limited per address: the fourth in an hour is refused', async () => {
    const email = 'banyak-minta@contoh.id';
    for (let i = 0; i < 3; i++) await requestReset('jakarta', email);
    const client = web('jakarta');
    const form = await client.get('/masuk/lupa');
    const limited = await client.postForm('/masuk/lupa', { _csrf: csrfOf(form.body), email });
    assert.equal(limited.status, 429);
    assert.match(limited.body, /Terlalu banyak percobaan/);
  });

  test('sessions: the list shows each signed-in device; one is ended, then every other', async () => {
    const { email, client: phone } = await citizen('jakarta');
    const laptop = web('jakarta');
    await laptop.signIn(email, PASSWORD, undefined);
    const tablet = web('jakarta');
    await tablet.signIn(email, PASSWORD);

    const list = await phone.get('/akun/sesi');
    assert.equal(list.status, 200);
    const ids = [...list.body.matchAll(/data-session="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    assert.equal(ids.length, 3);
    assert.equal((list.body.match(/Perangkat ini/g) ?? []).length, 1, 'the current one is marked');

    // The laptop's session: the one the laptop's own list calls current.
    const laptopId = currentSession((await laptop.get('/akun/sesi')).body);
    const ended = await phone.postForm(`/akun/sesi/${laptopId}/akhiri`, { _csrf: csrfOf(list.body) });
    assert.equal(ended.status, 303);
    assert.equal((await laptop.get('/akun')).status, 303, 'the ended session is signed out');
    assert.equal((await tablet.get('/akun')).status, 200);

    const others = await phone.postForm('/akun/sesi/akhiri-lainnya', { _csrf: csrfOf(list.body) });
    assert.equal(others.status, 303);
    assert.equal((await tablet.get('/akun')).status, 303);
    assert.equal((await phone.get('/akun')).status, 200, 'this device stays signed in');

    const stranger = await citizen('jakarta');
    const foreign = await stranger.client.postForm(`/akun/sesi/${ids[0]}/akhiri`, {
      _csrf: csrfOf((await stranger.client.get('/akun/sesi')).body),
    });
    assert.equal(foreign.status, 303);
    assert.equal((await phone.get('/akun')).status, 200, 'nobody ends another account’s session');
  });

  test('profile and password: the name changes; a new password needs the current one and signs out the other devices', async () => {
    const { email, client } = await citizen('lampung');
    const other = web('lampung');
    await other.signIn(email, PASSWORD);
    const page = await client.get('/akun');
    const token = csrfOf(page.body);
    assert.equal((await client.postForm('/akun/profil', { _csrf: token, displayName: 'Siti Rahma' })).status, 303);
    assert.match((await client.get('/akun')).body, /value="Siti Rahma"/);

    const wrong = await client.postForm('/akun/sandi', {
      _csrf: token,
      currentPassword: 'bukan-sandi-ini',
      password: 'sandi-baru-lampung-1',
    });
    assert.equal(wrong.status, 422);
    assert.match(wrong.body, /Kata sandi saat ini salah/);
    const right = await client.postForm('/akun/sandi', { _csrf: token, currentPassword: PASSWORD, password: 'sandi-baru-lampung-1' });
    assert.equal(right.status, 303);
    assert.equal((await client.get('/akun')).status, 200);
    assert.equal((await other.get('/akun')).status, 303, 'the other device is signed out');
  });

  test('deleting an account (UU PDP): confirmed with the password, personal data gone, reports kept without their reporter', async () => {
    const { email, client, account } = await citizen('jakarta');
    const { report } = await submit('jakarta', { accountId: account.id });
    const page = await client.get('/akun/hapus');
    assert.equal(page.status, 200);
    const unconfirmed = await client.postForm('/akun/hapus', { _csrf: csrfOf(page.body), currentPassword: PASSWORD });
    assert.equal(unconfirmed.status, 422, 'not without the confirmation');
    const done = await client.postForm('/akun/hapus', { _csrf: csrfOf(page.body), currentPassword: PASSWORD, confirm: 'ya' });
    assert.equal(done.status, 200);
    assert.match(done.body, /Akun Anda sudah dihapus/);
    assert.equal((await client.get('/akun')).status, 303);

    const rows = await asOwner(db.url, async (c) => ({
      account: (
        await c.query<{ email: string; display_name: string; password_hash: string; deleted_at: Date | null }>(
          `SELECT email, display_name, password_hash, deleted_at FROM accounts WHERE id = $1`,
          [account.id],
        )
      ).rows[0],
      report: (
        await c.query<{ reporter_account_id: string | null; status: string }>(
          `SELECT reporter_account_id, status FROM reports WHERE id = $1`,
          [report.id],
        )
      ).rows[0],
      sessions: (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions WHERE account_id = $1`, [account.id])).rows[0].n,
    }));
    assert.ok(!rows.account.email.includes(email.split('@')[0]), 'the e-mail address is gone');
    assert.equal(rows.account.display_name, '');
    assert.ok(rows.account.deleted_at);
    assert.equal(rows.report.reporter_account_id, null, 'the report stays, anonymous');
    assert.equal(rows.sessions, 0);
    const again = web('jakarta');
    const signIn = await again.postForm('/masuk', { _csrf: csrfOf((await again.get('/masuk')).body), email, password: PASSWORD });
    assert.notEqual(signIn.status, 303);
    // The address is free again: the person may register anew.
    const register = await again.get('/daftar');
    const fresh = await again.postForm('/daftar', { _csrf: csrfOf(register.body), email, password: PASSWORD, displayName: 'Baru' });
    assert.equal(fresh.status, 303);
  });

  test('staff: an invitation arrives by e-mail and its page lands the new officer in the console, signed in', async () => {
    const tenant = platform.app.get(TenantRegistry).getOrThrow('lampung');
    const agency = demoReports(tenant.config)!;
    const adminSid = await sessionOf(platform, 'lampung', {
      role: 'admin',
      email: 'admin-undang@lampung.test',
      displayName: 'Admin Lampung',
    });
    const admin = caller(platform.url, HOSTS.lampung, adminSid, await csrfCookieOf(platform.url, HOSTS.lampung));
    const agencyCode = (await inTenant('lampung', () => Promise.resolve(Object.keys(tenant.config.agencies))))[0];
    const invited = await admin.post('/admin/pengguna', {
      email: 'petugas-baru@lampung.test',
      displayName: 'Petugas Baru',
      role: 'officer',
      agencyCode,
    });
    assert.equal(invited.status, 200, invited.body.slice(0, 400));
    assert.match(invited.body, /Undangan terkirim ke petugas-baru@lampung\.test/);
    void agency;

    const mail = await smtp.waitFor('petugas-baru@lampung.test');
    assert.equal(mail.from, FROM.lampung);
    assert.match(mail.text, /sebagai Petugas/);
    const link = linkIn(mail, '/undangan/');
    const invitee = web('lampung');
    const landing = await invitee.get(link.pathname);
    assert.equal(landing.status, 200);
    assert.ok(!landing.body.includes('href="/daftar'), 'no citizen registration link on a staff landing');
    const accepted = await invitee.postForm(link.pathname, { _csrf: csrfOf(landing.body), password: 'sandi-petugas-baru-1' });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.headers.location, '/konsol');
    const console = await invitee.get('/konsol');
    assert.equal(console.status, 200, 'signed in, in the console');

    const staffSignIn = await web('lampung').get('/masuk?next=%2Fkonsol');
    assert.ok(!staffSignIn.body.includes('href="/daftar'), 'signing in on the way to the console offers no citizen registration');
    assert.match(staffSignIn.body, /href="\/masuk\/lupa"/);
  });

  test('a message the SMTP server refuses is sent again by the job, after its backoff', { timeout: 90_000 }, async () => {
    const { email } = await citizen('jakarta');
    smtp.refuseNext(1);
    const mark = smtp.received.length;
    const asked = Date.now();
    await requestReset('jakarta', email);
    const mail = await smtp.waitFor(email, (m) => smtp.received.indexOf(m) >= mark, 75_000);
    assert.ok(Date.now() - asked >= 25_000, 'delivered on the retry, 30 s after the refusal');
    assert.match(mail.subject, /Atur ulang kata sandi/);
  });

  test('staff: the admin sees a staff member’s sessions and ends them, audited; the other tenant’s admin sees nothing', async () => {
    const officerSid = await sessionOf(platform, 'jakarta', {
      role: 'officer',
      email: 'petugas-sesi@jakarta.test',
      displayName: 'Petugas Sesi',
      agencyCode: Object.keys(platform.app.get(TenantRegistry).getOrThrow('jakarta').config.agencies)[0],
    });
    const officerId = await inTenant(
      'jakarta',
      async () => (await platform.app.get(AccountsService).findByEmail('petugas-sesi@jakarta.test'))!.id,
    );
    const adminSid = await sessionOf(platform, 'jakarta', {
      role: 'admin',
      email: 'admin-sesi@jakarta.test',
      displayName: 'Admin Jakarta',
    });
    const admin = caller(platform.url, HOSTS.jakarta, adminSid, await csrfCookieOf(platform.url, HOSTS.jakarta));
    const page = await admin.get(`/admin/pengguna/${officerId}/sesi`);
    assert.equal(page.status, 200);
    const sessionId = /data-session="([0-9a-f-]{36})"/.exec(page.body)![1];

    const lampungSid = await sessionOf(platform, 'lampung', {
      role: 'admin',
      email: 'admin-lain@lampung.test',
      displayName: 'Admin Lampung',
    });
    const lampung = caller(platform.url, HOSTS.lampung, lampungSid, await csrfCookieOf(platform.url, HOSTS.lampung));
    assert.equal((await lampung.get(`/admin/pengguna/${officerId}/sesi`)).status, 404);
    assert.equal((await lampung.post(`/admin/pengguna/${officerId}/sesi/${sessionId}/akhiri`, {})).status, 404);

    const officer = caller(platform.url, HOSTS.jakarta, officerSid, await csrfCookieOf(platform.url, HOSTS.jakarta));
    assert.equal((await officer.get('/konsol')).status, 200);
    const ended = await admin.post(`/admin/pengguna/${officerId}/sesi/${sessionId}/akhiri`, {});
    assert.equal(ended.status, 303);
    assert.equal((await officer.get('/konsol')).status, 303, 'the officer is signed out');
    const audit = await asOwner(
      db.url,
      async (c) =>
        (await c.query<{ action: string; target: string }>(`SELECT action, target FROM audit_log WHERE action = 'user.session.end'`)).rows,
    );
    assert.deepEqual(audit, [{ action: 'user.session.end', target: 'petugas-sesi@jakarta.test' }]);
  });
});
