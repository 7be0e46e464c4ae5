import { createHash } from 'node:crypto';

/** Who sends a submission under an Idempotency-Key and exactly what they send. */
export interface IdempotentRequest {
  channel: string;
  /** The signed-in account (any role), or null for an anonymous submitter. */
  submitterAccountId: string | null;
  /** The submission's fields as parsed. */
  input: object;
  mediaUrl?: string;
  /** The uploaded files' bytes, in order. */
  photos: { data: Buffer }[];
}

/**
 * The fingerprint stored beside an Idempotency-Key: sha256 of the canonical
 * request (channel, submitter, fields with sorted keys, photo digests). A
 * replay is answered only when it matches, so the key is scoped to its
 * submitter: the account when signed in, and for an anonymous submitter the
 * very same request (someone who can send that is the one who sent it).
 */
export function idempotencyFingerprint(request: IdempotentRequest): string {
  const canonical = canonicalJson({
    v: 1,
    channel: request.channel,
    submitter: request.submitterAccountId ? `account:${request.submitterAccountId}` : 'anonymous',
    input: request.input,
    mediaUrl: request.mediaUrl ?? null,
    photos: request.photos.map((p) => createHash('sha256').update(p.data).digest('hex')),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys sorted at every depth and undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
