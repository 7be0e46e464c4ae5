import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode, totpStep } from './totp';
import { SecretBox } from './secret-box';

// RFC 6238 appendix B: the seeds are the ASCII digits "1234567890" repeated to the key length.
const SEED = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

test('RFC 6238 test vectors (8 digits, SHA-1, SHA-256, SHA-512)', () => {
  for (const [seconds, sha1, sha256, sha512] of VECTORS) {
    const step = totpStep(new Date(seconds * 1000));
    assert.equal(hotp(SEED.sha1, step, 8, 'sha1'), sha1, `sha1 at ${seconds}`);
    assert.equal(hotp(SEED.sha256, step, 8, 'sha256'), sha256, `sha256 at ${seconds}`);
    assert.equal(hotp(SEED.sha512, step, 8, 'sha512'), sha512, `sha512 at ${seconds}`);
  }
});

test('RFC 4226 appendix D HOTP values (6 digits)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => assert.equal(hotp(SEED.sha1, counter), code));
});

test('base32 round-trips and matches RFC 4648', () => {
  assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
  assert.equal(base32Decode('MZXW6YTBOI======').toString(), 'foobar');
  assert.equal(base32Encode(SEED.sha1), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  assert.throws(() => base32Decode('abc1'));
});

test('a code matches within one step either side, not further', () => {
  const secret = base32Encode(SEED.sha1);
  const at = new Date(1111111111 * 1000);
  const step = totpStep(at);
  assert.equal(matchTotp(secret, totpCode(secret, at), at), step);
  assert.equal(matchTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at), step - 1);
  assert.equal(matchTotp(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at), step + 1);
  assert.equal(matchTotp(secret, totpCode(secret, new Date(at.getTime() - 90_000)), at), null);
  assert.equal(matchTotp(secret, '12345', at), null);
  assert.equal(matchTotp(secret, 'abcdef', at), null);
});

test('the otpauth URI carries issuer, account and secret', () => {
  const uri = otpauthUri('JAKI', 'admin@jakarta.test', 'GEZDGNBV');
  // SHA-1, 6 digits and 30 s are the Key Uri Format's defaults, so otplib leaves them out.
  assert.match(uri, /^otpauth:\/\/totp\/JAKI:admin%40jakarta\.test\?secret=GEZDGNBV&issuer=JAKI$/);
});

test('secrets are sealed with AES-GCM and open only with the same key', () => {
  const box = new SecretBox(Buffer.from('x'.repeat(32)));
  const sealed = box.seal('GEZDGNBVGY3TQOJQ');
  assert.match(sealed, /^v1\./);
  assert.doesNotMatch(sealed, /GEZDGNBV/);
  assert.equal(box.open(sealed), 'GEZDGNBVGY3TQOJQ');
  assert.throws(() => new SecretBox(Buffer.from('y'.repeat(32))).open(sealed));
  assert.equal(box.open('plain:ABC'), 'ABC', 'a secret stored without SESSION_SECRET');
});
