import assert from 'node:assert/strict';
import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { Actor, parseSubmission, ReportActionsService, ReportsService } from '@app/reports';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { describeViolations, seriousViolations } from '../support/axe';
import { BROWSER_SKIP, launchBrowser, screenshot } from '../support/browser';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { csrfOf, WebClient } from '../support/web-client';
import { sessionOf } from '../revisions/admin-support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece = require('http_ece') as { decrypt(buffer: Buffer, params: object): Buffer };

/** The CSRF token the notifications button sends (X-CSRF-Token). */
function pageCsrf(body: string): string {
  const match = /data-push[^>]*data-csrf="([^"]+)"/.exec(body);
  assert.ok(match, 'the page offers notifications');
  return match[1];
}

interface PushDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  answered: number;
}

const TENANTS = [
  { slug: 'jakarta', host: 'jakarta.localhost', appName: 'JAKI', lat: -6.244, lng: 106.8 },
  { slug: 'lampung', host: 'lampung.localhost', appName: 'Lampung-In', lat: -5.43, lng: 105.26 },
] as const;

/**
 * The citizen app as an installed app, at phone size on both tenants: similar
 * reports nearby before filing, a report written offline sent exactly once,
 * the manifest and its icons, and Web Push to a push service played by a
 * local HTTP server (it receives the encrypted POST with VAPID authorisation).
 */
describe('the installable app in a browser', { skip: BROWSER_SKIP }, () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let browser: Browser;
  let port: string;
  let pushServer: Server;
  let pushOrigin: string;
  const deliveries: PushDelivery[] = [];
  /** Endpoint paths that answer 503 once (a push service that is briefly down). */
  const busyOnce = new Set<string>();
  let photo: string;

  before(async () => {
    pushServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const busy = busyOnce.delete(req.url ?? '');
        deliveries.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), answered: busy ? 503 : 201 });
        res.writeHead(busy ? 503 : 201).end();
      });
    });
    await new Promise<void>((resolve) => pushServer.listen(0, '127.0.0.1', resolve));
    pushOrigin = `http://127.0.0.1:${(pushServer.address() as AddressInfo).port}`;
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, WATCH_TENANTS: 'false', PUSH_SERVICE_ORIGINS: pushOrigin });
    port = new URL(platform.url).port;
    photo = join(mkdtempSync(join(tmpdir(), 'replika-pwa-')), 'foto.jpg');
    writeFileSync(photo, await testPhoto(41));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    await db?.drop();
    pushServer?.close();
  });

  const phone = (options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> =>
    browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true, ...options });
  const inTenant = <T>(slug: string, fn: () => Promise<T>): Promise<T> =>
    platform.app.get(TenantContext).run(platform.app.get(TenantRegistry).getOrThrow(slug), fn);
  const file = (
    slug: string,
    fields: { category: string; latitude: number; longitude: number; privacy: string; description: string },
    seed: number,
    reporterAccountId: string | null = null,
  ) =>
    inTenant(slug, async () =>
      platform.app.get(ReportsService).submit(
        parseSubmission({
          ...fields,
          latitude: String(fields.latitude),
          longitude: String(fields.longitude),
        }),
        { reporterAccountId, photos: [{ data: await testPhoto(seed) }], photoRequired: true, channel: 'api' },
      ),
    );
  const count = (sql: string, params: unknown[]): Promise<number> =>
    asOwner(db.url, async (c) => Number((await c.query<{ n: string | number }>(sql, params)).rows[0].n));
  const axe = async (page: Page, what: string) => {
    const violations = await seriousViolations(page);
    assert.equal(violations.length, 0, `${what}:\n${describeViolations(violations)}`);
  };

  for (const [i, tenant] of TENANTS.entries()) {
    const base = () => `http://${tenant.host}:${port}`;

    test(`${tenant.slug}: an open similar report nearby is shown once category and point are chosen, and supported instead of filing`, async () => {
      const description = (what: string) => `${what}: jalan berlubang besar dekat pertigaan, membahayakan pengendara (${tenant.slug}).`;
      const similar = (
        await file(
          tenant.slug,
          { category: 'jalan-rusak', latitude: tenant.lat, longitude: tenant.lng, privacy: 'public', description: description('Publik') },
          50 + i,
        )
      ).report;
      // Near but private, near but another category, or the same category 2 km away: none of them is shown.
      const twin = (
        await file(
          tenant.slug,
          {
            category: 'jalan-rusak',
            latitude: tenant.lat + 0.0003,
            longitude: tenant.lng,
            privacy: 'private',
            description: description('Pribadi'),
          },
          52 + i,
        )
      ).report;
      await file(
        tenant.slug,
        { category: 'sampah', latitude: tenant.lat, longitude: tenant.lng + 0.0003, privacy: 'public', description: description('Sampah') },
        54 + i,
      );
      const far = (
        await file(
          tenant.slug,
          {
            category: 'jalan-rusak',
            latitude: tenant.lat + 0.018,
            longitude: tenant.lng,
            privacy: 'public',
            description: description('Jauh'),
          },
          56 + i,
        )
      ).report;
      const before = await count(`SELECT count(*) AS n FROM reports WHERE tenant_id = $1`, [tenant.slug]);

      const context = await phone();
      const page = await context.newPage();
      await page.goto(`${base()}/laporan/baru`);
      assert.equal(await page.isVisible('#similar'), false, 'nothing to show before a category and a point');
      await page.selectOption('#category', 'jalan-rusak');
      // About 60 m from the public report, typed with a decimal comma.
      await page.fill('#latitude', (tenant.lat + 0.0005).toFixed(4).replace('.', ','));
      await page.fill('#longitude', tenant.lng.toFixed(4).replace('.', ','));
      await page.waitForSelector('#similar:not([hidden]) .similar-report');
      const shown = await page.$$eval('.similar-report', (items: { getAttribute(name: string): string | null }[]) =>
        items.map((li) => li.getAttribute('data-ticket')),
      );
      assert.deepEqual(shown, [similar.ticketNo], 'only the open public report of that category within the radius');
      assert.match(
        await page.innerText('#similar'),
        /Sudah ada laporan Jalan Rusak yang masih terbuka dalam radius 250 meter/i,
        "in the page's language",
      );
      assert.match(await page.innerText('.similar-report'), /\b5\d m dari titik Anda/);
      await axe(page, 'the form showing a similar report');
      await screenshot(page, `pwa-${tenant.slug}-1-similar-nearby`);

      await page.click(`.similar-report[data-ticket="${similar.ticketNo}"] button`);
      await page.waitForURL(`**/laporan/publik/${similar.ticketNo}?didukung=1#support`);
      assert.equal(await count(`SELECT supports_count AS n FROM reports WHERE tenant_id = $1 AND id = $2`, [tenant.slug, similar.id]), 1);
      assert.equal(await count(`SELECT count(*) AS n FROM reports WHERE tenant_id = $1`, [tenant.slug]), before, 'no new report was filed');
      await context.close();

      // Without a script: the form's own button reloads it with the same list.
      const noScript = await phone({ javaScriptEnabled: false });
      const plain = await noScript.newPage();
      await plain.goto(`${base()}/laporan/baru`);
      await plain.selectOption('#category', 'jalan-rusak');
      await plain.fill('#latitude', String(tenant.lat + 0.0005));
      await plain.fill('#longitude', String(tenant.lng));
      await plain.click('#similar-check');
      await plain.waitForSelector('#similar .similar-report');
      assert.equal(await plain.getAttribute('.similar-report button', 'form'), `support-${similar.ticketNo}`);
      assert.equal(await plain.inputValue('#latitude'), String(tenant.lat + 0.0005), 'what was typed is kept');
      await noScript.close();

      // The officer's queue flags the two reports 33 m apart as likely duplicates (the one 2 km away is not), and the report lists its twin.
      const sid = await sessionOf(platform, tenant.slug, {
        role: 'officer',
        agencyCode: similar.agencyCode,
        email: `petugas@${tenant.slug}.test`,
        displayName: 'Petugas',
      });
      const staff = await phone();
      await staff.addCookies([{ name: 'sid', value: sid, domain: tenant.host, path: '/', httpOnly: true, sameSite: 'Lax' }]);
      const officerPage = await staff.newPage();
      await officerPage.goto(`${base()}/konsol/laporan`);
      const flagged = async (ticket: string) =>
        officerPage.locator(`.triage__item:has(a[href="/konsol/laporan/${ticket}"]) .duplicate-flag`).count();
      if (twin.agencyCode === similar.agencyCode) assert.equal(await flagged(twin.ticketNo), 1, 'the private twin is flagged too');
      assert.equal(await flagged(similar.ticketNo), 1, 'flagged as a likely duplicate');
      if (far.agencyCode === similar.agencyCode) assert.equal(await flagged(far.ticketNo), 0, '2 km away is another problem');
      await axe(officerPage, 'the console queue with a duplicate flag');
      await officerPage.goto(`${base()}/konsol/laporan/${similar.ticketNo}`);
      const candidates = await officerPage.$$eval('#duplicates li', (items: { textContent: string | null }[]) =>
        items.map((li) => li.textContent ?? ''),
      );
      assert.equal(candidates.length, 1, candidates.join(' | '));
      assert.match(candidates[0], new RegExp(`${twin.ticketNo}.*3\\d m dari laporan ini`));
      if (twin.agencyCode === similar.agencyCode)
        assert.equal(await officerPage.getAttribute('#duplicates a', 'href'), `/konsol/laporan/${twin.ticketNo}`);
      await axe(officerPage, 'the console report with its duplicate candidates');
      await screenshot(officerPage, `pwa-${tenant.slug}-console-duplicates`);
      await staff.close();

      // The API answers within the tenant only: the other tenant's point shows none of its reports.
      const other = TENANTS[1 - i];
      const res = await request(platform.url, `/api/reports/nearby?category=jalan-rusak&latitude=${tenant.lat}&longitude=${tenant.lng}`, {
        host: other.host,
      });
      assert.equal(res.status, 200);
      assert.deepEqual(res.json<{ items: unknown[] }>().items, []);
    });

    test(`${tenant.slug}: a report written offline waits in the browser and is sent exactly once when the connection returns`, async () => {
      const description = `Ditulis tanpa sinyal di ${tenant.slug}: saluran air tersumbat sampah sejak kemarin.`;
      const context = await phone();
      const page = await context.newPage();
      await page.goto(`${base()}/`);
      await page.goto(`${base()}/laporan/baru`);
      // The service worker controls the pages (root scope) and has cached the shell.
      const scope = await page.evaluate(`navigator.serviceWorker.ready.then((r) => r.scope)`);
      assert.equal(scope, `${base()}/`);
      await page.reload();
      await page.waitForFunction(`navigator.serviceWorker.controller !== null`);

      await context.setOffline(true);
      await page.selectOption('#category', 'saluran-tersumbat');
      await page.fill('#description', description);
      await page.fill('#latitude', tenant.lat.toFixed(4).replace('.', ','));
      await page.fill('#longitude', tenant.lng.toFixed(4).replace('.', ','));
      await page.check('#privacy-public');
      await page.setInputFiles('#photos', photo);
      await page.click('form.report-form button[type="submit"]');
      await page.waitForSelector('#outbox:not([hidden]) [data-state="waiting"]');
      assert.match(await page.innerText('#outbox'), /Menunggu koneksi untuk dikirim/);
      assert.equal(await page.inputValue('#description'), '', 'the form is ready for another report');
      await screenshot(page, `pwa-${tenant.slug}-2-offline-waiting`);

      // Still offline: the page comes from the service worker's cache, and the report is still waiting.
      await page.reload();
      await page.waitForSelector('#outbox:not([hidden]) [data-state="waiting"]');
      await axe(page, 'the form with a report waiting');
      assert.equal(
        await count(`SELECT count(*) AS n FROM reports WHERE tenant_id = $1 AND description = $2`, [tenant.slug, description]),
        0,
      );

      await context.setOffline(false);
      await page.waitForSelector('#outbox [data-state="sent"]', { timeout: 20_000 });
      const sent = await page.innerText('#outbox [data-state="sent"]');
      const [{ ticket_no: ticket }] = await asOwner(
        db.url,
        async (c) =>
          (
            await c.query<{ ticket_no: string }>(`SELECT ticket_no FROM reports WHERE tenant_id = $1 AND description = $2`, [
              tenant.slug,
              description,
            ])
          ).rows,
      );
      assert.match(sent, new RegExp(`Terkirim .*nomor tiket ${ticket}`));
      await screenshot(page, `pwa-${tenant.slug}-3-offline-sent`);

      // Sent again as if its answer had been lost (marked waiting, flushed from two places at once): still one report.
      await page.evaluate(`new Promise((resolve, reject) => {
        const open = indexedDB.open('replika-outbox', 1);
        open.onsuccess = () => {
          const store = open.result.transaction('reports', 'readwrite').objectStore('reports');
          store.getAll().onsuccess = (e) => {
            const entry = e.target.result[0];
            entry.state = 'waiting';
            store.put(entry).onsuccess = () => resolve();
          };
        };
        open.onerror = reject;
      })`);
      const [kept] = await page.evaluate<number[]>(
        `new Promise((resolve) => { const o = indexedDB.open('replika-outbox', 1); o.onsuccess = () => { o.result.transaction('reports').objectStore('reports').getAll().onsuccess = (e) => resolve(e.target.result.map((x) => x.photos.length)); }; })`,
      );
      assert.equal(kept, 0, 'photos are not kept once sent');
      await page.reload();
      await page.waitForSelector('#outbox [data-state]');
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(
        await count(`SELECT count(*) AS n FROM reports WHERE tenant_id = $1 AND description = $2`, [tenant.slug, description]),
        1,
        'exactly one report',
      );
      await context.close();
    });

    test(`${tenant.slug}: the web app manifest comes from the tenant config, with icons drawn from its logo`, async () => {
      const home = await request(platform.url, '/', { host: tenant.host });
      assert.match(home.body, /<link rel="manifest" href="\/manifest.webmanifest">/);
      const res = await request(platform.url, '/manifest.webmanifest', { host: tenant.host });
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^application\/manifest\+json/);
      const manifest = res.json<{
        name: string;
        short_name: string;
        start_url: string;
        scope: string;
        display: string;
        theme_color: string;
        background_color: string;
        icons: { src: string; sizes: string; type: string; purpose: string }[];
      }>();
      assert.equal(manifest.short_name, tenant.appName);
      assert.match(manifest.name, new RegExp(tenant.appName));
      assert.equal(manifest.start_url, '/');
      assert.equal(manifest.scope, '/');
      assert.equal(manifest.display, 'standalone');
      assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
      assert.deepEqual(
        manifest.icons.map((icon) => [icon.sizes, icon.purpose]),
        [
          ['192x192', 'any'],
          ['512x512', 'any'],
          ['512x512', 'maskable'],
        ],
      );
      const pixels: Buffer[] = [];
      for (const icon of manifest.icons) {
        const png = await new Promise<Buffer>((resolve, reject) => {
          const url = new URL(icon.src, platform.url);
          void import('node:http').then(({ get }) =>
            get({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers: { host: tenant.host } }, (r) => {
              assert.equal(r.statusCode, 200, icon.src);
              assert.equal(r.headers['content-type'], 'image/png');
              const chunks: Buffer[] = [];
              r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
            }).on('error', reject),
          );
        });
        const meta = await sharp(png).metadata();
        assert.equal(meta.format, 'png');
        assert.equal(`${meta.width}x${meta.height}`, icon.sizes);
        pixels.push(await sharp(png).raw().toBuffer());
      }
      // The maskable icon keeps the logo inside the safe zone: its outer ring is the background colour only.
      const maskable = pixels[2];
      const at = (x: number, y: number) => maskable.subarray((y * 512 + x) * 4, (y * 512 + x) * 4 + 3).toString('hex');
      const corner = at(5, 5);
      for (const [x, y] of [
        [60, 256],
        [256, 60],
        [452, 256],
        [256, 452],
      ])
        assert.equal(at(x, y), corner, `(${x}, ${y}) is background`);
      assert.notEqual(at(256, 256 - 60), corner, 'the logo is drawn in the middle');
      // The other tenant's icons are its own.
      const other = await request(platform.url, '/manifest.webmanifest', { host: TENANTS[1 - i].host });
      assert.notDeepEqual(
        other.json<{ icons: { src: string }[] }>().icons.map((x) => x.src),
        manifest.icons.map((x) => x.src),
      );
    });
  }

  test("Web Push: a status change reaches the reporter's push service, encrypted and signed with the tenant's own VAPID key, with retries", async () => {
    const subscriber = () => {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      return { ecdh, auth: randomBytes(16), p256dh: ecdh.getPublicKey().toString('base64url') };
    };
    const officer = (agencyCode: string): Actor => ({ accountId: '00000000-0000-4000-8000-0000000000aa', role: 'officer', agencyCode });
    const cases: { slug: string; host: string; path: string; key: ReturnType<typeof subscriber>; ticket: string; publicKey: string }[] = [];

    // Jakarta: an anonymous reporter subscribes on the tracking page (ticket + tracking token).
    const anonymous = await file(
      'jakarta',
      {
        category: 'jalan-rusak',
        latitude: -6.2,
        longitude: 106.85,
        privacy: 'private',
        description: 'Lubang di jalan depan sekolah, anak-anak sering terjatuh.',
      },
      61,
    );
    const jakarta = new WebClient(() => platform.url, 'jakarta.localhost');
    const trackPage = await jakarta.get(`/laporan/lacak?tiket=${anonymous.report.ticketNo}&token=${anonymous.trackingToken}`);
    assert.match(trackPage.body, /data-push/, 'the tracking page offers notifications');
    const jakartaKey = subscriber();
    const subscribe = (client: WebClient, csrf: string, body: object) =>
      request(platform.url, '/push/langganan', {
        host: client.host,
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: client.cookie, accept: 'application/json' },
      });
    const subscription = (path: string, key: ReturnType<typeof subscriber>) => ({
      endpoint: `${pushOrigin}${path}`,
      expirationTime: null,
      keys: { p256dh: key.p256dh, auth: key.auth.toString('base64url') },
    });
    const jakartaCsrf = pageCsrf(trackPage.body);
    // A push service that is not a push service (any other URL) is refused: the server never POSTs to where a browser says.
    const allowed = await subscribe(jakarta, jakartaCsrf, {
      subscription: subscription('/x', jakartaKey),
      ticket: anonymous.report.ticketNo,
      token: anonymous.trackingToken,
    });
    assert.equal(allowed.status, 201, allowed.body);
    const elsewhere = await subscribe(jakarta, jakartaCsrf, {
      subscription: { ...subscription('/x', jakartaKey), endpoint: 'http://127.0.0.1:1/internal' },
      ticket: anonymous.report.ticketNo,
      token: anonymous.trackingToken,
    });
    assert.equal(elsewhere.status, 400);
    const wrongToken = await subscribe(jakarta, jakartaCsrf, {
      subscription: subscription('/y', jakartaKey),
      ticket: anonymous.report.ticketNo,
      token: 'salah-token-1234567890ab',
    });
    assert.equal(wrongToken.status, 404);
    const noCsrf = await subscribe(jakarta, 'forged', {
      subscription: subscription('/z', jakartaKey),
      ticket: anonymous.report.ticketNo,
      token: anonymous.trackingToken,
    });
    assert.equal(noCsrf.status, 403);
    const jakartaPublic = (await request(platform.url, '/push/kunci', { host: 'jakarta.localhost' })).json<{ publicKey: string }>()
      .publicKey;
    cases.push({
      slug: 'jakarta',
      host: 'jakarta.localhost',
      path: '/x',
      key: jakartaKey,
      ticket: anonymous.report.ticketNo,
      publicKey: jakartaPublic,
    });

    // Lampung: a signed-in citizen subscribes for all of their reports.
    const lampung = new WebClient(() => platform.url, 'lampung.localhost');
    const signUp = await lampung.get('/daftar');
    const registered = await lampung.postForm('/daftar', {
      _csrf: csrfOf(signUp.body),
      displayName: 'Warga Push',
      email: 'push@example.id',
      password: 'kata-sandi-panjang-12',
    });
    assert.equal(registered.status, 303, registered.body.slice(0, 300));
    const mine = await lampung.get('/laporan/saya');
    assert.match(mine.body, /data-push/, 'my reports offer notifications');
    const lampungKey = subscriber();
    const [{ id: accountId }] = await asOwner(
      db.url,
      async (c) =>
        (await c.query<{ id: string }>(`SELECT id FROM accounts WHERE tenant_id = 'lampung' AND email = 'push@example.id'`)).rows,
    );
    const own = await file(
      'lampung',
      {
        category: 'jalan-rusak',
        latitude: -5.41,
        longitude: 105.25,
        privacy: 'private',
        description: 'Jalan rusak parah menuju puskesmas, mobil ambulans kesulitan lewat.',
      },
      62,
      accountId,
    );
    const lampungCsrf = pageCsrf(mine.body);
    const ok = await subscribe(lampung, lampungCsrf, { subscription: subscription('/lampung/1', lampungKey) });
    assert.equal(ok.status, 201, ok.body);
    const lampungPublic = (await request(platform.url, '/push/kunci', { host: 'lampung.localhost' })).json<{ publicKey: string }>()
      .publicKey;
    cases.push({
      slug: 'lampung',
      host: 'lampung.localhost',
      path: '/lampung/1',
      key: lampungKey,
      ticket: own.report.ticketNo,
      publicKey: lampungPublic,
    });
    assert.notEqual(jakartaPublic, lampungPublic, 'each tenant signs with its own key');
    assert.equal(await count(`SELECT count(*) AS n FROM push_vapid_keys`, []), 2);

    // Jakarta's push service is briefly down: the delivery is retried.
    busyOnce.add('/x');
    for (const c of cases) {
      const report = await inTenant(c.slug, () =>
        platform.app
          .get(ReportsService)
          .publicReport(c.ticket)
          .catch(() => null),
      );
      assert.equal(report, null, 'a private report');
      await inTenant(c.slug, async () => {
        const actions = platform.app.get(ReportActionsService);
        const current = await platform.app
          .get(ReportActionsService)
          .find({ accountId: '00000000-0000-4000-8000-0000000000ab', role: 'admin' }, c.ticket);
        await actions.act(officer(current.agencyCode), c.ticket, { action: 'proses', note: 'Tim dijadwalkan.' });
      });
    }

    const deadline = Date.now() + 90_000;
    const delivered = (path: string) => deliveries.filter((d) => d.path === path && d.answered === 201);
    while ((delivered('/x').length === 0 || delivered('/lampung/1').length === 0) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 500));
    assert.ok(
      deliveries.some((d) => d.path === '/x' && d.answered === 503),
      'the first attempt met a busy push service',
    );
    for (const c of cases) {
      const [message] = delivered(c.path);
      assert.ok(message, `${c.slug}: the push service received the message`);
      assert.equal(message.headers['content-encoding'], 'aes128gcm');
      assert.ok(Number(message.headers.ttl) > 0);
      // VAPID (RFC 8292): a JWT for the push service's origin, signed with the tenant's private key, and the tenant's public key.
      const auth = /^vapid t=([^,]+), k=(.+)$/.exec(String(message.headers.authorization));
      assert.ok(auth, String(message.headers.authorization));
      assert.equal(auth[2], c.publicKey);
      const [head, claims, signature] = auth[1].split('.');
      const jwt = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string };
      assert.equal(jwt.aud, pushOrigin);
      assert.ok(jwt.exp * 1000 > Date.now());
      const raw = Buffer.from(c.publicKey, 'base64url');
      const key = createPublicKey({
        key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') },
        format: 'jwk',
      });
      assert.ok(
        verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')),
        'signed by the tenant',
      );
      // Only the subscribed browser can read it.
      const payload = JSON.parse(
        ece
          .decrypt(message.body, { version: 'aes128gcm', privateKey: c.key.ecdh, authSecret: c.key.auth.toString('base64url') })
          .toString(),
      ) as { title: string; body: string; url: string };
      assert.match(payload.title, new RegExp(`${c.ticket}: Proses`));
      assert.match(payload.body, /Proses/);
      assert.ok(payload.url.startsWith('/laporan/'));
      assert.doesNotMatch(message.body.toString('latin1'), new RegExp(c.ticket), 'the payload is encrypted');
    }
    // Each browser heard once of the change.
    assert.equal(delivered('/x').length, 1);
    assert.equal(delivered('/lampung/1').length, 1);
  });
});
