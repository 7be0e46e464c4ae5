import { createHash, randomBytes } from 'node:crypto';

const SEED = /^[A-Za-z0-9_-]{32}$/;

/**
 * A secret random value in each rendered report form. The idempotency key and
 * the anonymous reporter's tracking token are both derived from it, so a
 * double-submit finds the same report *and* can show its token again; the
 * database keeps only one-way hashes of either.
 */
export function newSubmissionSeed(): string {
  return randomBytes(24).toString('base64url');
}

export function isSubmissionSeed(value: unknown): value is string {
  return typeof value === 'string' && SEED.test(value);
}

export function idempotencyKeyOf(seed: string): string {
  return `web:${createHash('sha256').update(`idempotency:${seed}`).digest('hex').slice(0, 40)}`;
}

export function trackingTokenOf(seed: string): string {
  return createHash('sha256').update(`tracking-token:${seed}`).digest('base64url').slice(0, 24);
}
