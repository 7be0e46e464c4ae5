import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidEnvironmentError, loadSettings } from '@app/config';
import { SecuritySettings } from './security.settings';

test('SESSION_SECRET is optional outside production', () => {
  assert.equal(loadSettings(SecuritySettings, { NODE_ENV: 'test' }).SESSION_SECRET, undefined);
  assert.equal(loadSettings(SecuritySettings, {}).SESSION_SECRET, undefined);
});

test('SESSION_SECRET is required in production, and must be long enough anywhere', () => {
  assert.throws(
    () => loadSettings(SecuritySettings, { NODE_ENV: 'production' }),
    (e: unknown) =>
      e instanceof InvalidEnvironmentError && /SESSION_SECRET: SESSION_SECRET is required when NODE_ENV=production/.test(e.message),
  );
  assert.throws(() => loadSettings(SecuritySettings, { SESSION_SECRET: 'short' }), /at least 32 characters/);
  const secret = 'x'.repeat(32);
  assert.equal(loadSettings(SecuritySettings, { NODE_ENV: 'production', SESSION_SECRET: secret }).SESSION_SECRET, secret);
});
