import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tenantCli } from '../cli/cli-runner';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { startPlatform } from '../support/platform';

const KEY = /^key: (o311_[A-Za-z0-9_-]{43})$/m;
const ID = /^id: +([0-9a-f-]{36})$/m;

describe('npm run tenant -- api-key', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db?.drop();
  });

  test('issue, list and revoke on the database; the key works on its tenant only until revoked', async () => {
    const env = { DATABASE_URL: db.url };
    const issued = tenantCli(['api-key', 'issue', 'lampung', '--name', 'FixMyStreet Lampung'], env);
    assert.equal(issued.code, 0, issued.stderr);
    const key = KEY.exec(issued.stdout)![1];
    const id = ID.exec(issued.stdout)![1];

    const stored = await asOwner(db.url, (c) =>
      c.query<{ tenant_id: string; key_hash: string; key_prefix: string }>(`SELECT tenant_id, key_hash, key_prefix FROM open311_api_keys`),
    );
    assert.equal(stored.rows.length, 1);
    assert.equal(stored.rows[0].tenant_id, 'lampung');
    assert.equal(stored.rows[0].key_prefix, key.slice(0, 13));
    assert.ok(!JSON.stringify(stored.rows).includes(key), 'only the hash is stored');

    const listed = tenantCli(['api-key', 'list', 'lampung'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^${id}  ${key.slice(0, 13)}…  FixMyStreet Lampung  .*  active$`, 'm'));
    assert.equal(tenantCli(['api-key', 'list', 'jakarta'], env).stdout, '');

    const platform = await startPlatform(env);
    try {
      const submit = (host: string) =>
        request(platform.url, '/open311/v2/requests.json', {
          host,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            api_key: key,
            service_code: 'banjir',
            lat: '-5.43',
            long: '105.26',
            description: 'Banjir di Kota Bandar Lampung dekat pasar.',
          }).toString(),
        });
      assert.equal((await submit('lampung.localhost')).status, 201);
      assert.equal((await submit('jakarta.localhost')).status, 403);
      const revoked = tenantCli(['api-key', 'revoke', 'lampung', id], env);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.equal((await submit('lampung.localhost')).status, 403);
    } finally {
      await platform.close();
    }
    assert.match(tenantCli(['api-key', 'list', 'lampung'], env).stdout, /revoked \d{4}-/);
    const again = tenantCli(['api-key', 'revoke', 'lampung', id], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /no live key/);
  });

  test('usage errors and an unknown tenant', () => {
    const env = { DATABASE_URL: db.url };
    assert.equal(tenantCli(['api-key', 'issue', 'lampung'], env).code, 2);
    assert.equal(tenantCli(['api-key', 'rotate', 'lampung'], env).code, 2);
    const unknown = tenantCli(['api-key', 'list', 'banten'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown tenant 'banten'/);
  });

  test('the embedded database is refused with a clear message while the platform has it open', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'replika-open311-embedded-'));
    try {
      const platform = await startPlatform({ DATA_DIR: dataDir, DATABASE_URL: undefined });
      try {
        const busy = tenantCli(['api-key', 'list', 'jakarta'], { DATA_DIR: dataDir, DATABASE_URL: '' });
        assert.equal(busy.code, 1, busy.stderr);
        assert.match(busy.stderr, new RegExp(`error: the embedded database in .* is in use by process ${process.pid}`));
      } finally {
        await platform.close();
      }
      const issued = tenantCli(['api-key', 'issue', 'jakarta', '--name', 'local'], { DATA_DIR: dataDir, DATABASE_URL: '' });
      assert.equal(issued.code, 0, issued.stderr);
      assert.match(issued.stdout, KEY);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
