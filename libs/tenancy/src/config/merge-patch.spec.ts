import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffPatch, mergePatch } from './merge-patch';

test('objects merge key by key', () => {
  assert.deepEqual(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 4, e: 5 } }), { a: 1, b: { c: 2, d: 4, e: 5 } });
});

test('null removes a key, at any depth', () => {
  assert.deepEqual(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: null, b: { c: null } }), { b: { d: 3 } });
});

test('arrays replace rather than concatenate', () => {
  assert.deepEqual(mergePatch({ list: [1, 2, 3] }, { list: [4] }), { list: [4] });
});

test('the examples of RFC 7396 appendix A', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, expected] of cases) assert.deepEqual(mergePatch(target as never, patch as never), expected);
});

test('the parent is never mutated by a child patch', () => {
  const parent = { agencies: { a: { name: 'A' } } };
  mergePatch(parent, { agencies: { a: { name: 'B' }, b: { name: 'C' } } });
  assert.deepEqual(parent, { agencies: { a: { name: 'A' } } });
});

test('diffPatch gives the patch that turns one config into the other', () => {
  const from = { a: 1, b: { c: 2, d: 3 }, list: [1, 2] };
  const to = { b: { c: 2, d: 4 }, list: [1], e: 'x' };
  const patch = diffPatch(from, to)!;
  assert.deepEqual(patch, { a: null, b: { d: 4 }, list: [1], e: 'x' });
  assert.deepEqual(mergePatch(from, patch), to);
  assert.equal(diffPatch(from, structuredClone(from)), undefined);
});
