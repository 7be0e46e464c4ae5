import { createHash } from 'node:crypto';

/**
 * A stable, non-reversible key for an anonymous client (rate limits, one
 * support per person): the address the request came from, hashed, so that
 * neither logs nor the database keep citizens' IP addresses.
 */
export function anonymousClientKey(req: { ip?: string; headers: Record<string, unknown> }): string {
  return `anon:${createHash('sha256').update(`${req.ip ?? ''}|${String(req.headers['user-agent'] ?? '')}`).digest('base64url').slice(0, 22)}`;
}
