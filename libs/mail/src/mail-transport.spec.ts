import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskAddress } from './mail-transport';

test('the log names a recipient only masked', () => {
  assert.equal(maskAddress('budi.santoso@example.id'), 'b***@example.id');
  assert.equal(maskAddress('x@y.id'), 'x***@y.id');
  assert.equal(maskAddress('not-an-address'), '***');
});
