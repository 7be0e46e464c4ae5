import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AccountsService, StaffAccount } from '@app/accounts';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request, Response } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';

const JAKARTA = 'jakarta.localhost';
const HTML = { accept: 'text/html,application/xhtml+xml' };
/** Jakarta Selatan, near Blok M: jalan-rusak goes to the Suku Dinas Bina Marga of Jakarta Selatan. */
const JAKSEL = { latitude: '-6.2440', longitude: '106.8000' };
const PASSWORD = 'sandi-panjang-sekali-1';

/** One browser's cookies on one site. */
class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly platform: () => RunningPlatform,
    readonly host = JAKARTA,
  ) {}

  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<Response> {
    return this.keep(await request(this.platform().url, path, { host: this.host, headers: { ...HTML, cookie: this.cookie } }));
  }

  async postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.keep(
      await request(this.platform().url, path, {
        host: this.host,
        method: 'POST',
        body: new URLSearchParams(fields).toString(),
        headers: { ...HTML, cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }

  async postMultipart(path: string, fields: Record<string, string>, files: { field: string; data: Buffer }[] = []): Promise<Response> {
    const { body, contentType } = multipartBody(
      fields,
      files.map((f, i) => ({ field: f.field, filename: `foto${i}.jpg`, type: 'image/jpeg', data: f.data })),
    );
    return this.keep(
      await request(this.platform().url, path, {
        host: this.host,
        method: 'POST',
        body,
        headers: { ...HTML, cookie: this.cookie, 'content-type': contentType },
      }),
    );
  }

  async signIn(email: string): Promise<void> {
    const page = await this.get('/masuk');
    const res = await this.postForm('/masuk', { _csrf: csrfOf(page.body), email, password: PASSWORD });
    assert.equal(res.status, 303, `sign-in of ${email}: ${res.body.slice(0, 300)}`);
  }

  private keep(res: Response): Response {
    const raw = res.headers['set-cookie'];
    for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }
}

function csrfOf(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  assert.ok(match, 'the page has a CSRF token');
  return match[1];
}

function hidden(body: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(body);
  assert.ok(match, `the form has ${name}`);
  return match[1];
}

const ticketOf = (body: string) => /id="ticket">([A-Z]{2}\d{10})</.exec(body)?.[1];
const tokenOf = (body: string) => /id="tracking-token">([^<]+)</.exec(body)?.[1];

describe('reports pages over HTTP', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let photos: Buffer[];

  const asJakarta = <T>(fn: (accounts: AccountsService) => Promise<T>): Promise<T> => {
    const tenant = platform.app.get(TenantRegistry).getOrThrow('jakarta');
    return platform.app.get(TenantContext).run(tenant, () => fn(platform.app.get(AccountsService)));
  };
  const staff = (email: string, account: Omit<StaffAccount, 'email' | 'password' | 'displayName'>) =>
    asJakarta((a) => a.createStaff({ email, password: PASSWORD, displayName: email.split('@')[0], ...account }));

  /** Files a report through the web form as `browser`; returns the confirmation page. */
  async function file(browser: Browser, fields: Record<string, string>, photo: Buffer = photos[0]): Promise<Response> {
    const form = await browser.get('/laporan/baru');
    assert.equal(form.status, 200);
    return browser.postMultipart('/laporan/baru', { _csrf: csrfOf(form.body), submission: hidden(form.body, 'submission'), ...fields }, [
      { field: 'photos', data: photo },
    ]);
  }

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
    photos = await Promise.all([1, 2, 3, 4, 5, 6].map((seed) => testPhoto(seed)));
    await staff('petugas.bm-jaksel@jakarta.go.id', { role: 'officer', agencyCode: 'sudin-bina-marga-jakarta-selatan' });
    await staff('petugas.dishub@jakarta.go.id', { role: 'officer', agencyCode: 'dinas-perhubungan' });
    await staff('validator@jakarta.go.id', { role: 'validator' });
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  test('the form sets a CSRF cookie and token; posting it creates the report and shows the ticket and tracking token once', async () => {
    const citizen = new Browser(() => platform);
    const form = await citizen.get('/laporan/baru');
    assert.equal(form.status, 200);
    assert.match(citizen.cookie, /csrf=/);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.match(form.body, /<optgroup label="🛣️ Infrastruktur">/);
    assert.match(form.body, /accept="image\/jpeg,image\/png,image\/webp" multiple/);
    assert.match(form.body, /src="\/static\/report-form.js"/);
    const fields = {
      _csrf: csrfOf(form.body),
      submission: hidden(form.body, 'submission'),
      category: 'jalan-rusak',
      ...JAKSEL,
      description: 'Jalan berlubang besar di depan halte, membahayakan pengendara motor.',
      address: 'Depan halte Blok M',
      contact: '0812-rahasia-99',
    };
    const res = await citizen.postMultipart('/laporan/baru', fields, [{ field: 'photos', data: photos[0] }]);
    assert.equal(res.status, 200, res.body.slice(0, 500));
    const ticket = ticketOf(res.body);
    const token = tokenOf(res.body);
    assert.match(ticket ?? '', /^JK\d{10}$/);
    assert.ok(token && token.length >= 20, 'an anonymous reporter gets the tracking token');
    const decoded = res.body.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    assert.ok(decoded.includes(`href="/laporan/lacak?tiket=${ticket}&token=${token}"`), 'the confirmation links to the tracking page');

    const again = await citizen.postMultipart('/laporan/baru', fields, [{ field: 'photos', data: photos[0] }]);
    assert.equal(ticketOf(again.body), ticket, 'a double-submit of the same form returns the same report');
    assert.equal(tokenOf(again.body), token, '... with the same tracking token');

    const track = await citizen.get(`/laporan/lacak?tiket=${ticket}&token=${token}`);
    assert.equal(track.status, 200);
    assert.match(track.body, /Menunggu/);
    assert.match(track.body, /Suku Dinas Bina Marga/);
    assert.match(track.body, /Laporan diterima/);
    assert.match(
      track.body.replace(/&#x3D;/g, '='),
      new RegExp(`/laporan/foto/[0-9a-f-]+\\?token=${token}`),
      'photos of a private report carry the token',
    );
    assert.equal(track.headers['referrer-policy'], 'no-referrer');
    const english = await citizen.get(`/laporan/lacak?tiket=${ticket}&token=${token}&lang=en`);
    assert.match(english.body, /Waiting/);
    assert.match(english.body, /Report received/);
    assert.equal((await citizen.get(`/laporan/lacak?tiket=${ticket}&token=wrong-token`)).status, 404);
  });

  test('a multipart post without the CSRF token is refused with 403 and saves nothing', async () => {
    const citizen = new Browser(() => platform);
    const form = await citizen.get('/laporan/baru');
    const res = await citizen.postMultipart(
      '/laporan/baru',
      {
        submission: hidden(form.body, 'submission'),
        category: 'sampah',
        ...JAKSEL,
        description: 'Sampah menumpuk di pinggir jalan sejak minggu lalu.',
        privacy: 'public',
      },
      [{ field: 'photos', data: photos[1] }],
    );
    assert.equal(res.status, 403);
    const feed = await citizen.get('/laporan/publik?category=sampah');
    assert.match(feed.body, /Belum ada laporan publik/);
  });

  test('a validation error re-renders the form with the message and what was typed', async () => {
    const citizen = new Browser(() => platform);
    const form = await citizen.get('/laporan/baru');
    const seed = hidden(form.body, 'submission');
    const res = await citizen.postMultipart(
      '/laporan/baru',
      {
        _csrf: csrfOf(form.body),
        submission: seed,
        category: 'pohon-tumbang',
        ...JAKSEL,
        description: 'pendek',
        address: 'Jl. Melawai <Raya>',
      },
      [{ field: 'photos', data: photos[1] }],
    );
    assert.equal(res.status, 422);
    assert.match(res.body, /class="error-summary" role="alert"/);
    assert.match(res.body, /<a href="#description">Uraian laporan harus 15 sampai 2000 karakter\.<\/a>/);
    assert.match(res.body, /aria-invalid="true"/);
    assert.match(res.body, /value="Jl. Melawai &lt;Raya&gt;"/, 'kept, and escaped');
    assert.match(res.body, /value="-6.2440"/);
    assert.match(res.body, /<option value="pohon-tumbang" data-privacy="[a-z]+" selected>/);
    assert.equal(hidden(res.body, 'submission'), seed, 'the same form keeps its idempotency seed');
    const outside = await citizen.postMultipart(
      '/laporan/baru',
      {
        _csrf: csrfOf(form.body),
        submission: seed,
        category: 'pohon-tumbang',
        latitude: '-5.43',
        longitude: '105.26',
        description: 'Pohon tumbang menutup jalan di depan sekolah.',
      },
      [{ field: 'photos', data: photos[1] }],
    );
    assert.equal(outside.status, 422);
    assert.match(outside.body, /<a href="#latitude">Titik lokasi berada di luar wilayah provinsi/);
    assert.doesNotMatch(outside.body, /pada peta/, 'no message mentions a map the citizen may not see');
    const notImage = await citizen.postMultipart(
      '/laporan/baru',
      {
        _csrf: csrfOf(form.body),
        submission: seed,
        category: 'pohon-tumbang',
        ...JAKSEL,
        description: 'Pohon tumbang menutup jalan di depan sekolah.',
      },
      [{ field: 'photos', data: Buffer.from('%PDF-1.4 not a photo') }],
    );
    assert.equal(notImage.status, 415);
    assert.match(notImage.body, /JPEG, PNG, atau WebP/);
  });

  test('an empty form is answered with every problem at once', async () => {
    const citizen = new Browser(() => platform);
    const form = await citizen.get('/laporan/baru');
    const res = await citizen.postMultipart('/laporan/baru', {
      _csrf: csrfOf(form.body),
      submission: hidden(form.body, 'submission'),
      description: '',
    });
    assert.equal(res.status, 422);
    const summary = /<div class="error-summary" role="alert"[\s\S]*?<\/div>/.exec(res.body)![0];
    const links = [...summary.matchAll(/<a href="#([a-z]+)">/g)].map((m) => m[1]);
    assert.deepEqual(links.sort(), ['category', 'description', 'latitude', 'photos']);
  });

  test('a decimal comma is a decimal point; a photo chosen once survives an error, for the same browser only', async () => {
    const citizen = new Browser(() => platform);
    const form = await citizen.get('/laporan/baru');
    const seed = hidden(form.body, 'submission');
    const fields = {
      _csrf: csrfOf(form.body),
      submission: seed,
      category: 'pohon-tumbang',
      latitude: '-6,2440',
      longitude: '106,8000',
      privacy: 'public',
    };
    const failed = await citizen.postMultipart('/laporan/baru', { ...fields, description: 'pendek' }, [
      { field: 'photos', data: photos[4] },
    ]);
    assert.equal(failed.status, 422);
    assert.doesNotMatch(failed.body, /href="#latitude"/, 'the comma coordinates were understood');
    assert.match(failed.body, /1 foto sudah tersimpan/);
    const pending = hidden(failed.body, 'pendingPhotos');
    assert.match(pending, /^[A-Za-z0-9_-]{24}$/);
    assert.doesNotMatch(failed.body, /name="photos"[^>]* required/, 'the photo input is no longer required');

    // Another browser holding the id gets nothing from it.
    const stranger = new Browser(() => platform);
    const theirs = await stranger.get('/laporan/baru');
    const stolen = await stranger.postMultipart('/laporan/baru', {
      ...fields,
      _csrf: csrfOf(theirs.body),
      submission: hidden(theirs.body, 'submission'),
      description: 'Pohon tumbang menutup jalan di depan sekolah.',
      pendingPhotos: pending,
    });
    assert.equal(stolen.status, 422);
    assert.match(stolen.body, /Lampirkan minimal satu foto/);

    const sent = await citizen.postMultipart('/laporan/baru', {
      ...fields,
      description: 'Pohon tumbang menutup jalan di depan sekolah.',
      pendingPhotos: pending,
    });
    assert.equal(sent.status, 200, sent.body.slice(0, 300));
    const ticket = ticketOf(sent.body)!;
    const detail = await citizen.get(`/laporan/publik/${ticket}`);
    assert.equal([...detail.body.matchAll(/<img [^>]*src="\/laporan\/foto\//g)].length, 1, "the kept photo is the report's");
    assert.match(detail.body, /-6\.244/);
  });

  test("place search answers the tenant's own regions only", async () => {
    const jakarta = await request(platform.url, '/laporan/tempat?q=kebayoran', { host: JAKARTA });
    const places = JSON.parse(jakarta.body) as { name: string; lat: number }[];
    assert.ok(
      places.some((p) => p.name === 'Kebayoran Baru'),
      jakarta.body,
    );
    const lampung = await request(platform.url, '/laporan/tempat?q=kebayoran', { host: 'lampung.localhost' });
    assert.deepEqual(JSON.parse(lampung.body), []);
  });

  test('citizen words: own report not supportable, the button shows its state, statuses explained, no staff notes in public, the rating cue', async () => {
    await asJakarta((a) => a.registerCitizen({ email: 'warga.dukung@example.id', password: PASSWORD, displayName: 'Warga' }, '127.0.0.1'));
    const reporter = new Browser(() => platform);
    await reporter.signIn('warga.dukung@example.id');
    const sent = await file(
      reporter,
      { category: 'jalan-rusak', ...JAKSEL, description: 'Lubang besar di tikungan, sudah ada yang jatuh.', privacy: 'public' },
      photos[2],
    );
    const ticket = ticketOf(sent.body)!;
    const own = await reporter.get(`/laporan/publik/${ticket}`);
    assert.match(own.body, /Ini laporan Anda/);
    assert.doesNotMatch(own.body, /action="\/laporan\/publik\/[^"]+\/dukung"/, "no support button on one's own report");
    const refused = await reporter.postForm(`/laporan/publik/${ticket}/dukung`, { _csrf: csrfOf(own.body) });
    assert.equal(refused.status, 409);
    assert.match(refused.body, /laporan Anda sendiri/);
    assert.match(own.body, /menunggu diperiksa oleh petugas/, 'the status is explained in plain words');

    const neighbour = new Browser(() => platform);
    const page = await neighbour.get(`/laporan/publik/${ticket}`);
    assert.match(page.body, /aria-pressed="false"/);
    assert.equal((await neighbour.postForm(`/laporan/publik/${ticket}/dukung`, { _csrf: csrfOf(page.body) })).status, 303);
    const again = await neighbour.get(`/laporan/publik/${ticket}`);
    assert.match(again.body, /aria-pressed="true" disabled>✓ Anda sudah mendukung/, 'the button shows it was pressed');

    // An officer's follow-up rejected by the validator with an internal note: never on the public page.
    const officer = new Browser(() => platform);
    await officer.signIn('petugas.bm-jaksel@jakarta.go.id');
    const act = async (who: Browser, fields: Record<string, string>, files: { field: string; data: Buffer }[] = []) => {
      const p = await who.get(`/konsol/laporan/${ticket}`);
      const res = files.length
        ? await who.postMultipart(`/konsol/laporan/${ticket}/tindakan`, { _csrf: csrfOf(p.body), ...fields }, files)
        : await who.postForm(`/konsol/laporan/${ticket}/tindakan`, { _csrf: csrfOf(p.body), ...fields });
      assert.equal(res.status, 303, res.body.slice(0, 300));
    };
    await act(officer, { action: 'proses' });
    await act(officer, { action: 'tindak-lanjut', note: 'Sudah ditambal.' }, [
      { field: 'before', data: await testPhoto(77) },
      { field: 'after', data: await testPhoto(78) },
    ]);
    const validator = new Browser(() => platform);
    await validator.signIn('validator@jakarta.go.id');
    await act(validator, { action: 'tolak-tindak-lanjut', note: 'CATATAN-INTERNAL foto sesudah tidak meyakinkan' });
    const publicPage = await neighbour.get(`/laporan/publik/${ticket}`);
    assert.doesNotMatch(publicPage.body, /CATATAN-INTERNAL/);
    assert.match(publicPage.body, /petugas diminta menanganinya lagi/);
    const reporterPage = await reporter.get(`/laporan/saya/${ticket}`);
    assert.doesNotMatch(reporterPage.body, /CATATAN-INTERNAL/);

    await act(officer, { action: 'tindak-lanjut', note: 'Sudah diaspal ulang.' }, [
      { field: 'before', data: await testPhoto(79) },
      { field: 'after', data: await testPhoto(80) },
    ]);
    await act(validator, { action: 'terima' });
    const mine = await reporter.get('/laporan/saya');
    assert.match(mine.body, /1 laporan sudah selesai dan menunggu penilaian Anda/);
    assert.match(mine.body, new RegExp(`href="/laporan/saya/${ticket}#rating">★ Menunggu penilaian Anda`));
  });

  test('the public feed lists public reports only, never the reporter; a citizen supports once', async () => {
    const citizen = new Browser(() => platform);
    const open = await file(
      citizen,
      {
        category: 'parkir-liar',
        ...JAKSEL,
        description: 'Parkir liar menutup trotoar setiap sore hari.',
        privacy: 'public',
        contact: 'kontak-rahasia@example.id',
      },
      photos[2],
    );
    const hiddenOne = await file(
      citizen,
      { category: 'parkir-liar', ...JAKSEL, description: 'Parkir liar di depan rumah saya, mohon ditindak.', privacy: 'private' },
      photos[3],
    );
    const publicTicket = ticketOf(open.body)!;
    const privateTicket = ticketOf(hiddenOne.body)!;
    const feed = await citizen.get('/laporan/publik?category=parkir-liar');
    assert.equal(feed.status, 200);
    assert.match(feed.body, new RegExp(publicTicket));
    assert.doesNotMatch(feed.body, new RegExp(privateTicket));
    assert.doesNotMatch(feed.body, /kontak-rahasia/);
    assert.equal((await citizen.get(`/laporan/publik/${privateTicket}`)).status, 404);

    const detail = await citizen.get(`/laporan/publik/${publicTicket}`);
    assert.doesNotMatch(detail.body, /kontak-rahasia/);
    const action = `/laporan/publik/${publicTicket}/dukung`;
    assert.equal((await citizen.postForm(action, {})).status, 403, 'support needs the CSRF token');
    const first = await citizen.postForm(action, { _csrf: csrfOf(detail.body) });
    assert.equal(first.status, 303);
    const thanked = await citizen.get(first.headers.location as string);
    assert.match(thanked.body, /dukungan Anda tercatat/);
    const second = await citizen.postForm(action, { _csrf: csrfOf(detail.body) });
    assert.equal(second.status, 409);
    assert.match(second.body, /Anda sudah mendukung laporan ini/);
  });

  test('the console needs a staff sign-in; another agency gets 404; officers never see the reporter; reused evidence is flagged', async () => {
    const anonymous = new Browser(() => platform);
    const redirect = await anonymous.get('/konsol');
    assert.equal(redirect.status, 303);
    assert.equal(redirect.headers.location, '/masuk?next=%2Fkonsol');

    const citizen = new Browser(() => platform);
    const first = await file(
      citizen,
      {
        category: 'jalan-rusak',
        ...JAKSEL,
        description: 'Aspal mengelupas sepanjang 50 meter di Jl. Melawai.',
        contact: 'warga-rahasia@example.id',
      },
      photos[4],
    );
    const second = await file(
      citizen,
      {
        category: 'jalan-rusak',
        ...JAKSEL,
        description: 'Jalan amblas di dekat pasar, sudah dua minggu.',
        contact: 'warga-rahasia@example.id',
      },
      photos[5],
    );
    const [t1, t2] = [ticketOf(first.body)!, ticketOf(second.body)!];
    const token1 = tokenOf(first.body)!;

    const other = new Browser(() => platform);
    await other.signIn('petugas.dishub@jakarta.go.id');
    assert.equal((await other.get(`/konsol/laporan/${t1}`)).status, 404, 'a report of another agency does not exist for this officer');
    assert.doesNotMatch((await other.get('/konsol')).body, new RegExp(t1));

    const officer = new Browser(() => platform);
    await officer.signIn('petugas.bm-jaksel@jakarta.go.id');
    const queue = await officer.get('/konsol');
    assert.equal(queue.status, 200);
    assert.match(queue.body, new RegExp(t1));
    const detail = await officer.get(`/konsol/laporan/${t1}`);
    assert.equal(detail.status, 200);
    assert.match(detail.body, /Aspal mengelupas/, 'officers see the content of a private report');
    assert.doesNotMatch(detail.body, /warga-rahasia/, '... but never who reported it');
    assert.match(detail.body, /id="action-proses"/);
    assert.doesNotMatch(detail.body, /id="action-tindak-lanjut"/, 'a follow-up only once work started (Proses)');

    const act = async (ticket: string, fields: Record<string, string>, files: { field: string; data: Buffer }[] = []) => {
      const page = await officer.get(`/konsol/laporan/${ticket}`);
      return files.length
        ? officer.postMultipart(`/konsol/laporan/${ticket}/tindakan`, { _csrf: csrfOf(page.body), ...fields }, files)
        : officer.postForm(`/konsol/laporan/${ticket}/tindakan`, { _csrf: csrfOf(page.body), ...fields });
    };
    const reject = await act(t1, { action: 'tolak', note: '' });
    assert.equal(reject.status, 422, 'reject needs a note');
    assert.match(reject.body, /href="#note-tolak"/);
    for (const t of [t1, t2]) assert.equal((await act(t, { action: 'proses' })).status, 303);
    const noToken = await officer.postMultipart(`/konsol/laporan/${t1}/tindakan`, { action: 'tindak-lanjut' }, [
      { field: 'before', data: photos[0] },
      { field: 'after', data: photos[1] },
    ]);
    assert.equal(noToken.status, 403, 'a multipart action without the CSRF token is refused');
    const after = await testPhoto(42);
    const done1 = await act(t1, { action: 'tindak-lanjut', note: 'Sudah ditambal.' }, [
      { field: 'before', data: photos[4] },
      { field: 'after', data: after },
    ]);
    assert.equal(done1.status, 303, done1.body.slice(0, 300));
    const done2 = await act(t2, { action: 'tindak-lanjut', note: 'Sudah diperbaiki.' }, [
      { field: 'before', data: photos[5] },
      { field: 'after', data: after },
    ]);
    assert.equal(done2.status, 303);
    const flagged = await officer.get(`/konsol/laporan/${t2}`);
    assert.match(flagged.body, /Menunggu Validasi/);
    assert.match(flagged.body, new RegExp(`identik dengan bukti pada laporan <a href="/konsol/laporan/${t1}">${t1}</a>`));

    const validator = new Browser(() => platform);
    await validator.signIn('validator@jakarta.go.id');
    const review = await validator.get(`/konsol/laporan/${t1}`);
    assert.match(review.body, /id="action-terima"/);
    const accepted = await validator.postForm(`/konsol/laporan/${t1}/tindakan`, { _csrf: csrfOf(review.body), action: 'terima' });
    assert.equal(accepted.status, 303);

    const tracked = await citizen.get(`/laporan/lacak?tiket=${t1}&token=${token1}`);
    assert.match(tracked.body, /Selesai/);
    assert.match(tracked.body, /id="rating"/);
    const rated = await citizen.postForm('/laporan/lacak/nilai', {
      _csrf: csrfOf(tracked.body),
      tiket: t1,
      token: token1,
      rating: '4',
      comment: 'Cepat, terima kasih.',
    });
    assert.equal(rated.status, 303);
    const afterRating = await citizen.get(`/laporan/lacak?tiket=${t1}&token=${token1}`);
    assert.match(afterRating.body, /4 dari 5/);
    assert.doesNotMatch(afterRating.body, /Kirim penilaian/, 'rated once');
  });
});
