import { generateSecret, generateSync, generateURI, ScureBase32Plugin, verifySync } from 'otplib';

/**
 * RFC 6238 TOTP as authenticator apps use it (HMAC-SHA-1, 6 digits,
 * 30-second steps), by otplib; this module only fixes our parameters and
 * keeps the step a code matched, which the caller stores against replay.
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Codes of one step before and after the current one are accepted (clock drift). */
export const TOTP_WINDOW = 1;

const base32 = new ScureBase32Plugin();

export function base32Encode(data: Buffer): string {
  return base32.encode(new Uint8Array(data), { padding: false });
}

export function base32Decode(text: string): Buffer {
  return Buffer.from(base32.decode(text.toUpperCase().replace(/[\s=-]/g, '')));
}

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function generateTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The time step of a moment. */
export function totpStep(at: Date, period = TOTP_PERIOD_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / period);
}

/** RFC 4226 HOTP of a counter, `digits` long; the algorithm is selectable for the RFC 6238 test vectors. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  return generateSync({ strategy: 'hotp', secret: new Uint8Array(key), counter, digits, algorithm });
}

/** The code for a base32 secret at a moment. */
export function totpCode(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000), digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/**
 * The time step a code matches, within ±TOTP_WINDOW steps of `at`, or null.
 * otplib compares in constant time; the caller refuses a step at or before
 * the last one used (replay).
 */
export function matchTotp(secret: string, code: string, at: Date): number | null {
  const given = String(code ?? '').replace(/\s/g, '');
  if (!/^\d{6}$/.test(given)) return null;
  const result = verifySync({
    secret,
    token: given,
    epoch: Math.floor(at.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    epochTolerance: TOTP_WINDOW * TOTP_PERIOD_SECONDS,
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The otpauth:// URI authenticator apps read (Key Uri Format). */
export function otpauthUri(issuer: string, accountName: string, secret: string): string {
  return generateURI({ issuer, label: accountName, secret, algorithm: 'sha1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}
