import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { IsNull, MoreThan } from 'typeorm';
import { Account } from './account.entity';
import { AccountInvitation } from './invitation.entity';

export interface TotpState {
  sealedSecret: string | null;
  enabledAt: Date | null;
}

export interface StaffRow {
  account: Account;
  /** When the invitation link expires, for an invited account that has not set its password yet. */
  invitationExpiresAt: Date | null;
}

export type NewAccount = Pick<Account, 'email' | 'passwordHash' | 'displayName' | 'role' | 'agencyCode' | 'regionCode'>;

export class DuplicateEmailError extends Error {}

@Injectable()
export class AccountRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  findByEmail(email: string): Promise<Account | null> {
    return this.db.transaction((m) => m.createQueryBuilder(Account, 'a').where('lower(a.email) = lower(:email)', { email }).getOne());
  }

  findById(id: string): Promise<Account | null> {
    return this.db.transaction((m) => m.findOne(Account, { where: { id } }));
  }

  /** Inserts the account; the unique index on (tenant_id, lower(email)) refuses a duplicate, even a concurrent one. */
  async insert(account: NewAccount): Promise<Account> {
    const tenantId = this.context.tenant.slug;
    try {
      return await this.db.transaction((m) => m.save(m.create(Account, { ...account, tenantId, disabledAt: null })));
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new DuplicateEmailError(account.email);
      throw e;
    }
  }

  async updateProfile(id: string, displayName: string): Promise<void> {
    await this.db.transaction((m) => m.update(Account, { id }, { displayName }));
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.transaction((m) => m.update(Account, { id }, { passwordHash }));
  }

  /**
   * Removes a citizen's personal data (UU PDP) and keeps the row, which
   * report events and supports still name by id: e-mail, name, password,
   * TOTP go; the account is disabled, so it signs nobody in; its sessions,
   * reset links and invitations are deleted. One transaction.
   */
  async scrub(id: string, at: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `UPDATE accounts SET email = 'deleted-' || id || '@deleted.invalid', display_name = '', password_hash = '!deleted',
           totp_secret = NULL, totp_enabled_at = NULL, totp_recovery_hashes = '[]'::jsonb, disabled_at = $2, deleted_at = $2
         WHERE id = $1`,
        [id, at],
      );
      await m.query('DELETE FROM sessions WHERE account_id = $1', [id]);
      await m.query('DELETE FROM password_resets WHERE account_id = $1', [id]);
    });
  }

  async disable(id: string, at: Date): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(Account, { id }, { disabledAt: at }));
    return (result.affected ?? 0) > 0;
  }

  async totpState(id: string): Promise<TotpState | null> {
    const rows = await this.db.transaction((m) =>
      m.query<{ totp_secret: string | null; totp_enabled_at: Date | null }[]>(
        `SELECT totp_secret, totp_enabled_at FROM accounts WHERE id = $1`,
        [id],
      ),
    );
    return rows[0] ? { sealedSecret: rows[0].totp_secret, enabledAt: rows[0].totp_enabled_at } : null;
  }

  /** Stores a new, unconfirmed secret; never replaces a confirmed one. */
  async setPendingTotpSecret(id: string, sealed: string): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(Account, { id, totpEnabledAt: IsNull() }, { totpSecret: sealed }));
    return (result.affected ?? 0) > 0;
  }

  /**
   * Uses a TOTP time step: only if it is later than the last one used (so a
   * code works once, even under concurrent posts), confirming enrollment on
   * its first use. False when the step was used already.
   */
  async consumeTotpStep(id: string, step: number, at: Date): Promise<boolean> {
    const [, affected] = await this.db.transaction((m) =>
      m.query<[unknown, number]>(
        `UPDATE accounts SET last_totp_step = $2, totp_enabled_at = coalesce(totp_enabled_at, $3)
        WHERE id = $1 AND (last_totp_step IS NULL OR last_totp_step < $2)`,
        [id, step, at],
      ),
    );
    return affected > 0;
  }

  /** Replaces the account's recovery codes (hashes only). */
  async setRecoveryHashes(id: string, hashes: string[]): Promise<void> {
    await this.db.transaction((m) =>
      m.query(`UPDATE accounts SET totp_recovery_hashes = $2::jsonb WHERE id = $1`, [id, JSON.stringify(hashes)]),
    );
  }

  /** Uses a recovery code: removes its hash if present, in one statement (single use under concurrency). */
  async consumeRecoveryHash(id: string, hash: string): Promise<boolean> {
    const [, affected] = await this.db.transaction((m) =>
      m.query<[unknown, number]>(
        `UPDATE accounts SET totp_recovery_hashes = totp_recovery_hashes - $2::text
        WHERE id = $1 AND totp_enabled_at IS NOT NULL AND totp_recovery_hashes ? $2::text`,
        [id, hash],
      ),
    );
    return affected > 0;
  }

  async recoveryCodesLeft(id: string): Promise<number> {
    const rows = await this.db.transaction((m) =>
      m.query<{ n: number }[]>(`SELECT jsonb_array_length(totp_recovery_hashes) AS n FROM accounts WHERE id = $1`, [id]),
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Everyone but citizens, with any pending invitation. */
  listStaff(): Promise<StaffRow[]> {
    return this.db.transaction(async (m) => {
      const accounts = await m
        .createQueryBuilder(Account, 'a')
        .where(`a.role <> 'citizen'`)
        .orderBy('a.role')
        .addOrderBy('a.email')
        .limit(1000)
        .getMany();
      const invitations = accounts.length
        ? await m
            .createQueryBuilder(AccountInvitation, 'i')
            .where('i.account_id IN (:...ids) AND i.accepted_at IS NULL', { ids: accounts.map((a) => a.id) })
            .getMany()
        : [];
      const pending = new Map<string, Date>();
      for (const i of invitations)
        if (!pending.has(i.accountId) || pending.get(i.accountId)! < i.expiresAt) pending.set(i.accountId, i.expiresAt);
      return accounts.map((account) => ({ account, invitationExpiresAt: pending.get(account.id) ?? null }));
    });
  }

  async updateScope(id: string, agencyCode: string | null, regionCode: string | null): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(Account, { id }, { agencyCode, regionCode }));
    return (result.affected ?? 0) > 0;
  }

  async insertInvitation(tokenHash: string, accountId: string, now: Date, expiresAt: Date): Promise<void> {
    const tenantId = this.context.tenant.slug;
    await this.db.transaction((m) =>
      m.insert(AccountInvitation, { tenantId, tokenHash, accountId, createdAt: now, expiresAt, acceptedAt: null }),
    );
  }

  /** The invited, enabled account of a live (unused, unexpired) invitation. */
  findInvitation(tokenHash: string, now: Date): Promise<Account | null> {
    return this.db.transaction(async (m) => {
      const invitation = await m.findOne(AccountInvitation, { where: { tokenHash, acceptedAt: IsNull(), expiresAt: MoreThan(now) } });
      return invitation ? m.findOne(Account, { where: { id: invitation.accountId, disabledAt: IsNull() } }) : null;
    });
  }

  /** Sets the password and uses up the invitation, atomically; null when the invitation is no longer live. */
  acceptInvitation(tokenHash: string, now: Date, passwordHash: string): Promise<Account | null> {
    return this.db.transaction(async (m) => {
      const used = await m.update(AccountInvitation, { tokenHash, acceptedAt: IsNull(), expiresAt: MoreThan(now) }, { acceptedAt: now });
      if (!used.affected) return null;
      const invitation = await m.findOneOrFail(AccountInvitation, { where: { tokenHash } });
      const account = await m.findOne(Account, { where: { id: invitation.accountId, disabledAt: IsNull() } });
      if (!account) return null;
      await m.update(Account, { id: account.id }, { passwordHash });
      return account;
    });
  }
}
