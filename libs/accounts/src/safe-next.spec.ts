import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeNext } from './safe-next';

test('relative paths on this site are kept', () => {
  assert.equal(safeNext('/laporan?status=baru#x'), '/laporan?status=baru#x');
  assert.equal(safeNext('/'), '/');
});

test('anything that could leave the site falls back to /', () => {
  for (const bad of ['//evil.com', '//evil.com/x', '/\\evil.com', 'https://evil.com', 'evil.com', 'javascript:alert(1)', '/%0d%0aSet-Cookie:x', '/\t/evil.com', '', undefined, ['/a'], 42]) {
    const next = safeNext(bad);
    assert.ok(next === '/' || (next.startsWith('/') && !next.startsWith('//')), String(bad));
    if (typeof bad === 'string' && /evil/.test(bad)) assert.equal(next, '/', bad);
  }
});
