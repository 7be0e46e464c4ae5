import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { writeTestPlace } from '../support/place';
import { RunningPlatform, startPlatform } from '../support/platform';

const SHIPPED = join(__dirname, '..', '..', '..', 'tenants');
let db: TestDatabase;
let platform: RunningPlatform;

before(async () => {
  // A tenant whose admin typed markup into every text field the page shows.
  const dir = join(mkdtempSync(join(tmpdir(), 'replika-xss-')), 'tenants');
  cpSync(SHIPPED, dir, { recursive: true });
  mkdirSync(join(dir, 'uji'));
  writeFileSync(
    join(dir, 'uji', 'tenant.yaml'),
    [
      'extends: jakarta',
      'name: "<img src=x onerror=alert(1)>"',
      'hosts: { primary: uji.localhost, aliases: [], local: [] }',
      'branding:',
      '  appName: "<script>alert(1)</script>"',
      '  tagline: { id: "\\"><b>bold</b>" }',
      'services:',
      '  news: { settings: { title: { id: "<i>Berita</i>" } } }',
    ].join('\n'),
  );
  writeTestPlace(join(dir, 'uji'));
  db = await createTestDatabase();
  platform = await startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: dir });
});
after(async () => {
  await platform?.close();
  await db?.drop();
});

test('text from config is escaped wherever a page shows it', async () => {
  const res = await request(platform.url, '/', { host: 'uji.localhost' });
  assert.equal(res.status, 200);
  assert.doesNotMatch(res.body, /<script>alert|<img src=x|<b>bold|<i>Berita/);
  assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(res.body, /&lt;i&gt;Berita&lt;\/i&gt;/);
});
