import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { Account } from './account.entity';
import { Session } from './session.entity';

/** How stale last_seen_at may get before a request refreshes it (saves a write per request). */
const TOUCH_AFTER_MS = 5 * 60_000;

@Injectable()
export class SessionRepository {
  constructor(private readonly db: TenantDatabase, private readonly context: TenantContext) {}

  async insert(tokenHash: string, accountId: string, now: Date, expiresAt: Date): Promise<void> {
    const tenantId = this.context.tenant.slug;
    await this.db.transaction(async (m) => {
      // Housekeeping while we are here: the account's expired sessions go.
      await m.delete(Session, { accountId, expiresAt: LessThanOrEqual(now) });
      await m.insert(Session, { tenantId, tokenHash, accountId, lastSeenAt: now, expiresAt });
    });
  }

  /**
   * The enabled account of an unexpired session, or null. Runs in the tenant's
   * RLS transaction, so another tenant's session is simply not found.
   */
  findAccount(tokenHash: string, now: Date): Promise<Account | null> {
    return this.db.transaction(async (m) => {
      const session = await m.findOne(Session, { where: { tokenHash, expiresAt: MoreThan(now) } });
      if (!session) return null;
      const account = await m.findOne(Account, { where: { id: session.accountId, disabledAt: IsNull() } });
      if (account && now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
        await m.update(Session, { tokenHash }, { lastSeenAt: now });
      }
      return account;
    });
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.transaction((m) => m.delete(Session, { tokenHash }));
  }

  async deleteForAccount(accountId: string): Promise<void> {
    await this.db.transaction((m) => m.delete(Session, { accountId }));
  }
}
