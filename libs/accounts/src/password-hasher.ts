import { Injectable } from '@nestjs/common';
import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const MAXMEM = 64 * 1024 * 1024;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keylen, options, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

/**
 * Passwords with scrypt (memory-hard: N=2^15, r=8, p=1, about 32 MB each),
 * a random 16-byte salt, stored as `scrypt$N$r$p$salt$hash` (base64), so the
 * parameters can be raised later and old hashes still verify.
 */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, KEY_BYTES, { ...PARAMS, maxmem: MAXMEM });
    return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [N, r, p] = parts.slice(1, 4).map(Number);
    // Parameters within sane bounds only: a tampered row must not make us allocate gigabytes.
    if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return false;
    const salt = Buffer.from(parts[4], 'base64');
    const expected = Buffer.from(parts[5], 'base64');
    if (salt.length < 8 || expected.length < 16) return false;
    const key = await derive(password, salt, expected.length, { N, r, p, maxmem: Math.max(MAXMEM, 256 * N * r) });
    return timingSafeEqual(key, expected);
  }

  /** Spends the same time as a real verification, for unknown accounts, so timing does not reveal which emails exist. */
  async verifyNothing(password: string): Promise<false> {
    await this.verify(password, await (this.dummy ??= this.hash(randomBytes(16).toString('hex'))));
    return false;
  }
}
