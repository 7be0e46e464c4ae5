import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiErrorJson, FeedJson } from '../support/api';
import { request } from '../support/http';
import { platformOnTestDatabase } from '../support/platform';
import { caller, csrfOf, HOSTS, sessionOf } from '../revisions/admin-support';

const HTML = { accept: 'text/html' };
const INVALID_ID = /Permintaan berisi nilai yang tidak valid/;

/**
 * The feed, console and admin queries are DTOs under the global ValidationPipe: a filter given as a list or an
 * object, a page that is not a number or a parameter the route does not know is a 400 that says so (in Indonesian on
 * pages), never a silently different page; well-formed filters work as before. Both tenants.
 */
describe('typed queries: feed, console queue, admin collections', () => {
  const booted = platformOnTestDatabase();

  for (const host of Object.values(HOSTS)) {
    test(`${host}: the feed API refuses malformed filters with a clear 400 and serves good ones`, async () => {
      for (const query of ['page=abc', 'page=-1', 'kategori=sampah', `category=${'x'.repeat(81)}`]) {
        const res = await request(booted.platform.url, `/api/reports?${query}`, { host });
        assert.equal(res.status, 400, `${query}: ${res.body}`);
        assert.ok(res.json<ApiErrorJson>().message.length > 0);
      }
      const good = await request(booted.platform.url, '/api/reports?category=sampah&page=2', { host });
      assert.equal(good.status, 200, good.body);
      assert.equal(good.json<FeedJson>().page, 2);
    });

    test(`${host}: the public feed page says what is wrong in Indonesian, and filters as before`, async () => {
      const bad = await request(booted.platform.url, '/laporan/publik?page=dua', { host, headers: HTML });
      assert.equal(bad.status, 400);
      assert.match(bad.body, INVALID_ID);
      assert.doesNotMatch(bad.body, /\n\s+at /);
      const unknown = await request(booted.platform.url, '/laporan/publik?urut=terbaru', { host, headers: HTML });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body, INVALID_ID);
      assert.equal((await request(booted.platform.url, '/laporan/publik?category=sampah&page=1', { host, headers: HTML })).status, 200);
    });
  }

  test('the console queue and an admin collection refuse malformed queries with an Indonesian 400', async () => {
    const jakarta = 'jakarta';
    const officer = await sessionOf(booted.platform, jakarta, {
      role: 'officer',
      email: 'petugas@jakarta.test',
      displayName: 'Petugas',
      agencyCode: 'sudin-bina-marga-jakarta-selatan',
    });
    const admin = await sessionOf(booted.platform, 'lampung', { role: 'admin', email: 'admin@lampung.test', displayName: 'Admin' });
    const queue = caller(booted.platform.url, HOSTS.jakarta, officer, await csrfOf(booted.platform.url, HOSTS.jakarta));
    const config = caller(booted.platform.url, HOSTS.lampung, admin, await csrfOf(booted.platform.url, HOSTS.lampung));

    const badState = await queue.get('/konsol?state=semua');
    assert.equal(badState.status, 400);
    assert.match(badState.body, INVALID_ID);
    assert.equal((await queue.get('/konsol?state=closed&page=1')).status, 200);

    const badSaved = await config.get('/admin/instansi?tersimpan=kemarin');
    assert.equal(badSaved.status, 400);
    assert.match(badSaved.body, INVALID_ID);
    const edit = await config.get('/admin/instansi?ubah=dinas-bmbk');
    assert.equal(edit.status, 200);
    assert.match(edit.body, /dinas-bmbk/);
  });
});
