import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PasswordHasher } from './password-hasher';

const hasher = new PasswordHasher();

test('a hash verifies the right password and not a wrong one', async () => {
  const hash = await hasher.hash('kata-sandi-rahasia');
  assert.match(hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
  assert.equal(await hasher.verify('kata-sandi-rahasia', hash), true);
  assert.equal(await hasher.verify('kata-sandi-rahasiA', hash), false);
  assert.equal(await hasher.verify('', hash), false);
});

test('the same password hashes differently each time (random salt)', async () => {
  const [a, b] = await Promise.all([hasher.hash('sama-saja-123'), hasher.hash('sama-saja-123')]);
  assert.notEqual(a, b);
  assert.notEqual(a.split('$')[4], b.split('$')[4], 'salts differ');
  assert.equal(Buffer.from(a.split('$')[4], 'base64').length, 16);
});

test('malformed or out-of-bounds stored hashes never verify', async () => {
  for (const stored of [
    '',
    'plain',
    'scrypt$x$8$1$AAAA$BBBB',
    'bcrypt$2b$10$abc',
    'scrypt$4194304$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  ]) {
    assert.equal(await hasher.verify('anything-at-all', stored), false, stored);
  }
});

test('verifyNothing spends a verification and answers false', async () => {
  assert.equal(await hasher.verifyNothing('whatever-password'), false);
});
