import assert from 'node:assert/strict';
import { createServer, connect, Server, Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { multipartBody, testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ApiErrorJson, ReportJson } from '../support/api';

/**
 * A TCP proxy in front of the test server that the test can cut and restore:
 * the platform sees PostgreSQL go away (connections reset, new ones refused)
 * without the shared server being touched.
 */
class CuttableProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

const JAKARTA = 'jakarta.localhost';
const LAMPUNG = 'lampung.localhost';

describe('the database down: 503 with Retry-After everywhere, and an idempotent retry after recovery', () => {
  let db: TestDatabase;
  let proxy: CuttableProxy;
  let platform: RunningPlatform;
  let photo: Buffer;

  before(async () => {
    db = await createTestDatabase();
    const url = new URL(db.url);
    proxy = new CuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.up();
    url.host = `127.0.0.1:${proxy.port}`;
    platform = await startPlatform({ DATABASE_URL: url.toString() });
    photo = await testPhoto(3);
  });
  after(async () => {
    await platform?.close();
    await proxy?.cut();
    await db?.drop();
  });

  function submit(host: string, key: string, fields: Record<string, string>) {
    const { body, contentType } = multipartBody(fields, [{ field: 'photos', filename: 'foto.jpg', type: 'image/jpeg', data: photo }]);
    return request(platform.url, '/api/reports', {
      host,
      method: 'POST',
      body,
      headers: { 'content-type': contentType, 'idempotency-key': key },
    });
  }
  const jakartaReport = {
    category: 'jalan-rusak',
    latitude: '-6.2440',
    longitude: '106.8000',
    description: 'Jalan berlubang besar di depan sekolah dasar.',
  };
  const lampungReport = {
    category: 'jalan-rusak',
    latitude: '-5.43',
    longitude: '105.26',
    description: 'Jalan rusak parah di Kota Bandar Lampung dekat pasar.',
  };

  test(
    'API, pages and Open311 answer 503 with Retry-After while PostgreSQL is away, on both tenants; a retry returns the committed report',
    { timeout: 90_000 },
    async () => {
      const first = {
        [JAKARTA]: await submit(JAKARTA, 'down-jkt-1', jakartaReport),
        [LAMPUNG]: await submit(LAMPUNG, 'down-lpg-1', lampungReport),
      };
      for (const res of Object.values(first)) assert.equal(res.status, 201, res.body);

      await proxy.cut();
      for (const host of [JAKARTA, LAMPUNG]) {
        const answers = {
          api: await request(platform.url, '/api/reports', { host }),
          page: await request(platform.url, '/laporan/publik', { host, headers: { accept: 'text/html' } }),
          open311: await request(platform.url, '/open311/v2/requests.json', { host }),
          submit: await submit(host, host === JAKARTA ? 'down-jkt-1' : 'down-lpg-1', host === JAKARTA ? jakartaReport : lampungReport),
        };
        for (const [what, res] of Object.entries(answers)) {
          assert.equal(res.status, 503, `${host} ${what}: ${res.status} ${res.body.slice(0, 200)}`);
          assert.match(String(res.headers['retry-after']), /^\d+$/, `${host} ${what} has Retry-After`);
          assert.doesNotMatch(res.body, /\n\s+at |ECONNREFUSED|QueryFailedError/, `${host} ${what} shows no internals`);
        }
        assert.match(answers.page.body, /Layanan sedang tidak tersedia/);
        assert.match(answers.api.json<ApiErrorJson>().message, /coba lagi/i);
        assert.equal(answers.open311.json<{ code: number }[]>()[0].code, 503);
      }

      await proxy.up();
      const deadline = Date.now() + 30_000;
      while ((await request(platform.url, '/api/reports', { host: JAKARTA })).status !== 200) {
        assert.ok(Date.now() < deadline, 'the platform recovers once PostgreSQL is back');
        await new Promise((r) => setTimeout(r, 250));
      }
      for (const [host, key, fields] of [
        [JAKARTA, 'down-jkt-1', jakartaReport],
        [LAMPUNG, 'down-lpg-1', lampungReport],
      ] as const) {
        const retry = await submit(host, key, fields);
        assert.ok(retry.status === 200 || retry.status === 201, `${host} retry: ${retry.status} ${retry.body.slice(0, 200)}`);
        assert.equal(
          retry.json<ReportJson>().ticket,
          first[host].json<ReportJson>().ticket,
          'the retry answers the committed report, not a second one',
        );
      }
    },
  );
});
