import { createHash } from 'node:crypto';

interface ClientRequest {
  /** Fastify's: the socket's address, or X-Forwarded-For's only with TRUST_PROXY. */
  ip?: string;
  headers: Record<string, unknown>;
}

/**
 * The rate-limit key of an anonymous client: the address the request came
 * from, hashed (neither logs nor the database keep citizens' addresses).
 * Nothing the client chooses per request (User-Agent, other headers) is part
 * of it, so no header resets a limit.
 */
export function clientAddressKey(req: ClientRequest): string {
  return `ip:${createHash('sha256')
    .update(req.ip ?? '')
    .digest('base64url')
    .slice(0, 22)}`;
}

/**
 * One anonymous "support" per person: address and User-Agent, hashed. Not a
 * rate limit (those use clientAddressKey): the User-Agent here keeps
 * neighbours behind one carrier-grade NAT address from counting as one
 * person, at the price of being cheap to repeat (README, known gaps).
 */
export function anonymousClientKey(req: ClientRequest): string {
  const userAgent = req.headers['user-agent'];
  return `anon:${createHash('sha256')
    .update(`${req.ip ?? ''}|${typeof userAgent === 'string' ? userAgent : ''}`)
    .digest('base64url')
    .slice(0, 22)}`;
}
