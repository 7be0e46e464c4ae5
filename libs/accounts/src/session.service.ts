import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '@app/config';
import { securityOf, TenantContext } from '@app/tenancy';
import { Account, AccountView, toAccountView } from './account.entity';
import { SessionPolicy, SessionRepository } from './session.repository';

export const SESSION_TTL_MS = 7 * 24 * 3600_000;
/** How long the step between password and TOTP code may take. */
export const PENDING_TOTP_TTL_MS = 10 * 60_000;
/** Console roles whose sessions end when idle (`security.idleMinutes`); editor and reviewer once they exist. */
export const IDLE_EXPIRING_ROLES: ReadonlySet<string> = new Set(['admin', 'editor', 'reviewer']);
/** Sessions that idle out refresh last_seen_at at most once a minute; the others every 5 minutes. */
const TOUCH_IDLE_TRACKED_MS = 60_000;
const TOUCH_OTHERS_MS = 5 * 60_000;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/**
 * Sessions: a random 32-byte token for the client (cookie `sid` or bearer),
 * only its sha256 in the database, so a leaked table signs nobody in.
 * Citizens, officers and validators keep a session 7 days; admins (and
 * editors, reviewers) lose it after `security.idleMinutes` without a request.
 */
@Injectable()
export class SessionService {
  constructor(private readonly sessions: SessionRepository, private readonly clock: Clock, private readonly context: TenantContext) {}

  async start(accountId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.sessions.insert(hashToken(token), accountId, now, new Date(now.getTime() + SESSION_TTL_MS));
    return token;
  }

  /** A session that has passed the password and waits for the TOTP code (/masuk/kode); it signs nobody in. */
  async startPending(accountId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.sessions.insert(hashToken(token), accountId, now, new Date(now.getTime() + PENDING_TOTP_TTL_MS), true);
    return token;
  }

  /** The account a token signs in, in the current tenant; null for a malformed, unknown, expired, idle, pending or other tenant's token. */
  async resolve(token: string | undefined): Promise<AccountView | null> {
    if (!token || !TOKEN_FORMAT.test(token)) return null;
    const account = await this.sessions.findAccount(hashToken(token), this.clock.now(), (a) => this.policyOf(a));
    return account ? toAccountView(account) : null;
  }

  /** The account of a TOTP-pending session. */
  async resolvePending(token: string | undefined): Promise<Account | null> {
    if (!token || !TOKEN_FORMAT.test(token)) return null;
    return this.sessions.findPendingAccount(hashToken(token), this.clock.now());
  }

  async end(token: string | undefined): Promise<void> {
    if (token && TOKEN_FORMAT.test(token)) await this.sessions.delete(hashToken(token));
  }

  async endAll(accountId: string): Promise<void> {
    await this.sessions.deleteForAccount(accountId);
  }

  private policyOf(account: Account): SessionPolicy {
    if (!IDLE_EXPIRING_ROLES.has(account.role)) return { idleMs: null, touchAfterMs: TOUCH_OTHERS_MS };
    return { idleMs: securityOf(this.context.tenant.config).idleMinutes * 60_000, touchAfterMs: TOUCH_IDLE_TRACKED_MS };
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
