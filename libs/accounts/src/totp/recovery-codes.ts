import { createHash, randomInt } from 'node:crypto';

/** How many recovery codes an enrollment gives. */
export const RECOVERY_CODE_COUNT = 10;

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `XXXXX-XXXXX`, as typed (case and spaces do not matter). */
export const RECOVERY_CODE = /^[A-Z2-9]{5}-[A-Z2-9]{5}$/;

/** A new code: 10 characters of a 31-letter alphabet (~49 bits), enough for a single-use, rate-limited code. */
export function newRecoveryCode(): string {
  const pick = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${pick()}-${pick()}`;
}

export function normalizeRecoveryCode(code: string): string {
  const clean = String(code ?? '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return clean.length === 10 ? `${clean.slice(0, 5)}-${clean.slice(5)}` : clean;
}

/** What is stored: the SHA-256 of the normalised code. */
export function recoveryHash(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
}
