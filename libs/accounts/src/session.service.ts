import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '@app/config';
import { AccountView, toAccountView } from './account.entity';
import { SessionRepository } from './session.repository';

export const SESSION_TTL_MS = 7 * 24 * 3600_000;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/**
 * Sessions: a random 32-byte token for the client (cookie `sid` or bearer),
 * only its sha256 in the database, so a leaked table signs nobody in.
 */
@Injectable()
export class SessionService {
  constructor(private readonly sessions: SessionRepository, private readonly clock: Clock) {}

  async start(accountId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.sessions.insert(hashToken(token), accountId, now, new Date(now.getTime() + SESSION_TTL_MS));
    return token;
  }

  /** The account a token signs in, in the current tenant; null for a malformed, unknown, expired or other tenant's token. */
  async resolve(token: string | undefined): Promise<AccountView | null> {
    if (!token || !TOKEN_FORMAT.test(token)) return null;
    const account = await this.sessions.findAccount(hashToken(token), this.clock.now());
    return account ? toAccountView(account) : null;
  }

  async end(token: string | undefined): Promise<void> {
    if (token && TOKEN_FORMAT.test(token)) await this.sessions.delete(hashToken(token));
  }

  async endAll(accountId: string): Promise<void> {
    await this.sessions.deleteForAccount(accountId);
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
