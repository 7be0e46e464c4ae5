import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalDiskStorage } from './local-disk-storage';
import { isStorageKey, tenantKey } from './media-storage';

test('keys start with a tenant and hold nothing that climbs out of it', () => {
  assert.equal(tenantKey('jakarta', 'reports', 'a1', 'b2.jpg'), 'jakarta/reports/a1/b2.jpg');
  assert.ok(isStorageKey('lampung/pending/-Ab_9xYz.photo'));
  for (const bad of ['reports/../../etc/passwd', 'jakarta/../lampung/x.jpg', 'jakarta/./x', '/jakarta/x', 'jakarta//x', 'Jakarta/x', 'jakarta', 'jakarta/.hidden', 'jakarta/a\\b', 'jakarta/x\0y']) {
    assert.equal(isStorageKey(bad), false, bad);
  }
  assert.throws(() => tenantKey('jakarta', '..', 'x'));
});

test('the local disk keeps each key under DATA_DIR/uploads, written once; a missing key is null', async () => {
  const root = mkdtempSync(join(tmpdir(), 'replika-disk-'));
  const disk = new LocalDiskStorage(root);
  await disk.put('jakarta/reports/r1/p1.jpg', Buffer.from('foto'));
  assert.equal(readFileSync(join(root, 'jakarta', 'reports', 'r1', 'p1.jpg'), 'utf8'), 'foto');
  assert.deepEqual(await disk.get('jakarta/reports/r1/p1.jpg'), Buffer.from('foto'));
  await assert.rejects(() => disk.put('jakarta/reports/r1/p1.jpg', Buffer.from('lain')), { code: 'EEXIST' });
  assert.equal(await disk.get('jakarta/reports/r1/none.jpg'), null);
  assert.equal(await disk.get('jakarta/../../etc/passwd'), null);
  await assert.rejects(() => disk.put('../outside', Buffer.from('x')), /not a storage key/);
  await disk.check();
});
