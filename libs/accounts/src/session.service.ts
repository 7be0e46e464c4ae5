import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '@app/config';
import { securityOf, TenantContext } from '@app/tenancy';
import { Account, AccountView, toAccountView } from './account.entity';
import { AccountContext } from './account-context';
import { deviceLabel } from './device-label';
import { Session } from './session.entity';
import { SessionPolicy, SessionRepository } from './session.repository';

/** A session as its owner (or an admin) sees it in a list: never its token or hash. */
export interface SessionInfo {
  id: string;
  device: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  /** The session of the request that lists them. */
  current: boolean;
}

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
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    private readonly context: TenantContext,
    private readonly accountContext: AccountContext,
  ) {}

  async start(accountId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.sessions.insert(
      hashToken(token),
      accountId,
      now,
      new Date(now.getTime() + SESSION_TTL_MS),
      false,
      deviceLabel(this.accountContext.userAgent),
    );
    return token;
  }

  /** The account's live sessions; `currentToken` marks the one of this request. */
  async list(accountId: string, currentToken?: string): Promise<SessionInfo[]> {
    const current = currentToken && TOKEN_FORMAT.test(currentToken) ? hashToken(currentToken) : null;
    return (await this.sessions.listForAccount(accountId, this.clock.now())).map((s: Session) => ({
      id: s.id,
      device: s.device,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: s.tokenHash === current,
    }));
  }

  /** Ends one of the account's sessions by its public id. */
  endById(accountId: string, id: string): Promise<boolean> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return Promise.resolve(false);
    return this.sessions.deleteById(accountId, id);
  }

  /** "Sign out elsewhere": every session of the account but the current one. */
  async endOthers(accountId: string, currentToken: string | undefined): Promise<number> {
    if (!currentToken || !TOKEN_FORMAT.test(currentToken)) return 0;
    return this.sessions.deleteOthers(accountId, hashToken(currentToken));
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
