import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { IsNull, MoreThan } from 'typeorm';
import { Account } from './account.entity';
import { PasswordReset } from './password-reset.entity';
import { Session } from './session.entity';

@Injectable()
export class PasswordResetRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  /** Stores a new link; the account's earlier unused links stop working (only the newest e-mail counts). */
  async insert(tokenHash: string, accountId: string, now: Date, expiresAt: Date): Promise<void> {
    const tenantId = this.context.tenant.slug;
    await this.db.transaction(async (m) => {
      await m.update(PasswordReset, { accountId, usedAt: IsNull() }, { usedAt: now });
      await m.insert(PasswordReset, { tenantId, tokenHash, accountId, createdAt: now, expiresAt, usedAt: null });
    });
  }

  /** The enabled account of a live (unused, unexpired) link. */
  findLive(tokenHash: string, now: Date): Promise<Account | null> {
    return this.db.transaction(async (m) => {
      const reset = await m.findOne(PasswordReset, { where: { tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) } });
      return reset ? m.findOne(Account, { where: { id: reset.accountId, disabledAt: IsNull() } }) : null;
    });
  }

  /**
   * Uses the link, sets the password and ends every session of the account,
   * in one transaction; the guarded UPDATE makes a link work once even under
   * concurrent posts. Null when the link is used, expired or unknown.
   */
  consume(tokenHash: string, now: Date, passwordHash: string): Promise<Account | null> {
    return this.db.transaction(async (m) => {
      const used = await m.update(PasswordReset, { tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
      if (!used.affected) return null;
      const reset = await m.findOneOrFail(PasswordReset, { where: { tokenHash } });
      const account = await m.findOne(Account, { where: { id: reset.accountId, disabledAt: IsNull() } });
      if (!account) return null;
      await m.update(Account, { id: account.id }, { passwordHash });
      await m.delete(Session, { accountId: account.id });
      return account;
    });
  }
}
