import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { Account } from './account.entity';
import { Session } from './session.entity';

/** How a session of an account is kept alive: its idle limit (null: none) and how stale last_seen_at may get before a request refreshes it. */
export interface SessionPolicy {
  idleMs: number | null;
  touchAfterMs: number;
}

@Injectable()
export class SessionRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  async insert(
    tokenHash: string,
    accountId: string,
    now: Date,
    expiresAt: Date,
    pendingTotp = false,
    device: string | null = null,
  ): Promise<void> {
    const tenantId = this.context.tenant.slug;
    await this.db.transaction(async (m) => {
      // Housekeeping while we are here: the account's expired sessions go.
      await m.delete(Session, { accountId, expiresAt: LessThanOrEqual(now) });
      await m.insert(Session, { tenantId, tokenHash, accountId, lastSeenAt: now, expiresAt, pendingTotp, device });
    });
  }

  /** The account's live, complete sessions, most recently used first. */
  listForAccount(accountId: string, now: Date): Promise<Session[]> {
    return this.db.transaction((m) =>
      m.find(Session, {
        where: { accountId, expiresAt: MoreThan(now), pendingTotp: false },
        order: { lastSeenAt: 'DESC' },
        take: 100,
      }),
    );
  }

  /** Ends one session of the account by its public id; false when it is not theirs (or gone). */
  async deleteById(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.transaction((m) => m.delete(Session, { accountId, id }));
    return (result.affected ?? 0) > 0;
  }

  /** Ends every session of the account but the one with `keepTokenHash`; how many. */
  async deleteOthers(accountId: string, keepTokenHash: string): Promise<number> {
    const result = await this.db.transaction((m) =>
      m
        .createQueryBuilder()
        .delete()
        .from(Session)
        .where('account_id = :accountId AND token_hash <> :keep', { accountId, keep: keepTokenHash })
        .execute(),
    );
    return result.affected ?? 0;
  }

  /**
   * The enabled account of an unexpired, complete (not TOTP-pending) session,
   * or null. An account's session idle longer than its policy allows is ended
   * here. last_seen_at is written at most once per `touchAfterMs`, not on every
   * request. Runs in the tenant's RLS transaction, so another tenant's session
   * is simply not found.
   */
  findAccount(tokenHash: string, now: Date, policyOf: (account: Account) => SessionPolicy): Promise<Account | null> {
    return this.db.transaction(async (m) => {
      const session = await m.findOne(Session, { where: { tokenHash, expiresAt: MoreThan(now), pendingTotp: false } });
      if (!session) return null;
      const account = await m.findOne(Account, { where: { id: session.accountId, disabledAt: IsNull() } });
      if (!account) return null;
      const policy = policyOf(account);
      const idle = now.getTime() - session.lastSeenAt.getTime();
      if (policy.idleMs !== null && idle > policy.idleMs) {
        await m.delete(Session, { tokenHash });
        return null;
      }
      if (idle > policy.touchAfterMs) await m.update(Session, { tokenHash }, { lastSeenAt: now });
      return account;
    });
  }

  /** The enabled account of an unexpired session that waits for its TOTP code. */
  findPendingAccount(tokenHash: string, now: Date): Promise<Account | null> {
    return this.db.transaction(async (m) => {
      const session = await m.findOne(Session, { where: { tokenHash, expiresAt: MoreThan(now), pendingTotp: true } });
      return session ? m.findOne(Account, { where: { id: session.accountId, disabledAt: IsNull() } }) : null;
    });
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.transaction((m) => m.delete(Session, { tokenHash }));
  }

  async deleteForAccount(accountId: string): Promise<void> {
    await this.db.transaction((m) => m.delete(Session, { accountId }));
  }
}
