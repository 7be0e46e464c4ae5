import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';

const HOSTS = ['jakarta.localhost', 'lampung.localhost'];
const LEAFLET_JS = join(dirname(require.resolve('leaflet/package.json')), 'dist', 'leaflet.js');

describe('static files (@fastify/static): ETag and 304, byte ranges, only what is meant to be served', () => {
  let platform: RunningPlatform;

  before(async () => {
    platform = await startPlatform();
  });
  after(async () => {
    await platform?.close();
  });

  for (const host of HOSTS) {
    test(`${host}: a file seen before answers 304 with no body when its ETag still matches`, async () => {
      for (const path of ['/static/app.css', '/static/vendor/leaflet/leaflet.css', '/assets/logo.svg']) {
        const first = await request(platform.url, path, { host });
        assert.equal(first.status, 200, path);
        const etag = first.headers.etag as string;
        assert.ok(etag, `${path} has an ETag`);
        assert.match(String(first.headers['cache-control']), /^public, max-age=\d+/, path);
        assert.equal(first.headers['x-content-type-options'], 'nosniff', path);
        const again = await request(platform.url, path, { host, headers: { 'if-none-match': etag } });
        assert.equal(again.status, 304, path);
        assert.equal(again.body, '', path);
        const changed = await request(platform.url, path, { host, headers: { 'if-none-match': '"something-else"' } });
        assert.equal(changed.status, 200, path);
        assert.equal(changed.body, first.body, path);
      }
      assert.match(String((await request(platform.url, '/static/app.css', { host })).headers['content-type']), /^text\/css/);
      const svg = await request(platform.url, '/assets/logo.svg', { host });
      assert.equal(svg.headers['content-type'], 'image/svg+xml');
      assert.match(String(svg.headers['content-security-policy']), /default-src 'none'/, 'script in an SVG cannot run');
    });

    test(`${host}: a Range request gets 206 and exactly those bytes`, async () => {
      const whole = readFileSync(LEAFLET_JS);
      const res = await request(platform.url, '/static/vendor/leaflet/leaflet.js', { host, headers: { range: 'bytes=100-199' } });
      assert.equal(res.status, 206);
      assert.equal(res.headers['content-range'], `bytes 100-199/${statSync(LEAFLET_JS).size}`);
      assert.equal(res.headers['accept-ranges'], 'bytes');
      assert.equal(res.body, whole.subarray(100, 200).toString('utf8'));
      const beyond = await request(platform.url, '/static/vendor/leaflet/leaflet.js', {
        host,
        headers: { range: `bytes=${whole.length + 10}-` },
      });
      assert.equal(beyond.status, 416);
    });
  }

  test("vendor files come only from the named packages' dist folders; nothing climbs out of a root", async () => {
    const host = 'jakarta.localhost';
    assert.equal(
      (await request(platform.url, '/static/vendor/leaflet/images/marker-icon.png', { host })).headers['content-type'],
      'image/png',
    );
    assert.equal((await request(platform.url, '/static/vendor/markercluster/MarkerCluster.css', { host })).status, 200);
    for (const path of [
      '/static/vendor/leaflet/leaflet.js.map',
      '/static/vendor/leaflet/../package.json',
      '/static/vendor/leaflet/..%2fpackage.json',
      '/static/vendor/leaflet/%2e%2e/package.json',
      '/static/vendor/fastify/package.json',
      '/static/vendor/__proto__/x.js',
      '/static/vendor/leaflet/nothing.js',
      '/static/../package.json',
      '/static/%2e%2e/package.json',
      '/static/nothing.css',
      '/assets/../tenant.yaml',
      '/assets/..%2ftenant.yaml',
      '/assets/.hidden',
      '/assets/nothing.svg',
    ]) {
      assert.equal((await request(platform.url, path, { host })).status, 404, path);
    }
  });

  test('an unknown host gets no static file', async () => {
    assert.equal((await request(platform.url, '/static/app.css', { host: 'unknown.example' })).status, 404);
  });
});
