import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { open, seal } from './token-seal';

test('a sealed tracking token opens with its key only, and never shows the token', () => {
  const key = randomBytes(32);
  const sealed = seal(key, 'AbCdEf0123456789ghIJklMN');
  assert.ok(!sealed.includes('AbCdEf0123456789ghIJklMN'));
  assert.notEqual(seal(key, 'AbCdEf0123456789ghIJklMN'), sealed, 'a fresh IV each time');
  assert.equal(open(key, sealed), 'AbCdEf0123456789ghIJklMN');
  assert.throws(() => open(randomBytes(32), sealed));
  assert.throws(() => open(key, 'v1.x.y'));
});
