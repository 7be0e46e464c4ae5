import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeNext } from './safe-next';

test('relative paths on this site are kept', () => {
  assert.equal(safeNext('/laporan?status=baru#x'), '/laporan?status=baru#x');
  assert.equal(safeNext('/'), '/');
  assert.equal(safeNext('/laporan/../akun'), '/akun', 'dot segments are resolved first');
  assert.equal(safeNext('/%2F%2Fevil.example'), '/%2F%2Fevil.example', 'an encoded slash stays part of the path');
});

test('anything that could leave the site falls back to /', () => {
  const hostile = [
    '//evil.com',
    '//evil.com/x',
    '/\\evil.com',
    'https://evil.com',
    'evil.com',
    'javascript:alert(1)',
    '/%0d%0aSet-Cookie:x',
    '/\t/evil.com',
    // Dot segments that normalise to a protocol-relative URL (issue 7, defect 2).
    '/.//evil.example',
    '/..//evil.example',
    '/./..//evil.example',
    '/a/../..//evil.example',
    '/.//evil.example/x?y#z',
    '/%2e//evil.example',
    '/%2e%2e//evil.example',
    // `%2F..%2F%2Fevil.example` arrives decoded by the query parser:
    decodeURIComponent('%2F..%2F%2Fevil.example'),
    // Backslashes, tabs and newlines, which browsers strip or read as slashes.
    '/.\\/evil.example',
    '/\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/.\n//evil.example',
    '/\r\n//evil.example',
    '\t//evil.example',
    '',
    undefined,
    ['/a'],
    42,
  ];
  for (const bad of hostile) {
    const next = safeNext(bad);
    assert.ok(next === '/' || (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')), JSON.stringify(bad));
    if (typeof bad === 'string' && /evil/.test(bad)) assert.equal(next, '/', JSON.stringify(bad));
  }
});
