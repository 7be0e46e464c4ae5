import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalDiskStorage } from './local-disk-storage';
import { isStorageKey, tenantKey } from './media-storage';

test('keys start with a tenant and hold nothing that climbs out of it', () => {
  assert.equal(tenantKey('jakarta', 'reports', 'a1', 'b2.jpg'), 'jakarta/reports/a1/b2.jpg');
  assert.ok(isStorageKey('lampung/pending/-Ab_9xYz.photo'));
  for (const bad of [
    'reports/../../etc/passwd',
    'jakarta/../lampung/x.jpg',
    'jakarta/./x',
    '/jakarta/x',
    'jakarta//x',
    'Jakarta/x',
    'jakarta',
    'jakarta/.hidden',
    'jakarta/a\\b',
    'jakarta/x\0y',
  ]) {
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

test('the local disk deletes a key and only it; a key that is not there (any more) is fine', async () => {
  const root = mkdtempSync(join(tmpdir(), 'replika-disk-'));
  const disk = new LocalDiskStorage(root);
  await disk.put('jakarta/reports/r1/p1.jpg', Buffer.from('foto'));
  await disk.put('jakarta/reports/r1/p2.jpg', Buffer.from('lain'));
  await disk.put('jakarta-barat/reports/r1/p1.jpg', Buffer.from('tetangga'));
  await disk.delete('jakarta/reports/r1/p1.jpg');
  assert.equal(await disk.get('jakarta/reports/r1/p1.jpg'), null);
  assert.ok(!existsSync(join(root, 'jakarta', 'reports', 'r1', 'p1.jpg')));
  await disk.delete('jakarta/reports/r1/p1.jpg');
  await disk.delete('jakarta/reports/none/p1.jpg');
  assert.deepEqual(await disk.get('jakarta/reports/r1/p2.jpg'), Buffer.from('lain'));
  assert.deepEqual(await disk.get('jakarta-barat/reports/r1/p1.jpg'), Buffer.from('tetangga'));
  await assert.rejects(() => disk.delete('jakarta/../jakarta-barat/reports/r1/p1.jpg'), /not a storage key/);
  // Written again after a delete: `wx` does not trip over what was there.
  await disk.put('jakarta/reports/r1/p1.jpg', Buffer.from('baru'));
  assert.deepEqual(await disk.get('jakarta/reports/r1/p1.jpg'), Buffer.from('baru'));
});

test("the local disk lists every key under a tenant's prefix, nothing of a tenant whose name only starts alike, no link or stray file", async () => {
  const root = mkdtempSync(join(tmpdir(), 'replika-disk-'));
  const disk = new LocalDiskStorage(root);
  const jakarta = [
    'jakarta/reports/r1/p1.jpg',
    'jakarta/r0/old.jpg',
    'jakarta/pending/-Ab_9.photo',
    'jakarta/news/n1/cover.webp',
    'jakarta/branding/logo-ab.png',
  ];
  for (const key of [...jakarta, 'jakarta-barat/reports/r2/p.jpg', 'lampung/reports/r3/p.jpg']) await disk.put(key, Buffer.from(key));
  const outside = join(mkdtempSync(join(tmpdir(), 'replika-outside-')), 'secret.txt');
  writeFileSync(outside, 'rahasia');
  symlinkSync(outside, join(root, 'jakarta', 'reports', 'r1', 'link.jpg'));
  writeFileSync(join(root, 'jakarta', 'reports', 'r1', '.hidden'), 'x');
  const list = async (prefix: string) => {
    const keys: string[] = [];
    for await (const key of disk.list(prefix)) keys.push(key);
    return keys.sort();
  };
  assert.deepEqual(await list('jakarta'), [...jakarta].sort());
  assert.deepEqual(await list('jakarta/reports'), ['jakarta/reports/r1/p1.jpg']);
  assert.deepEqual(await list('banten'), [], 'a tenant without files: nothing, not an error');
  for (const bad of ['', '..', 'jakarta/..', '/etc', 'jakarta/', 'Jakarta'])
    await assert.rejects(() => list(bad), /not a storage prefix/, bad);
});
