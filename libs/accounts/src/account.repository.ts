import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { Account } from './account.entity';

export type NewAccount = Pick<Account, 'email' | 'passwordHash' | 'displayName' | 'role' | 'agencyCode' | 'regionCode'>;

export class DuplicateEmailError extends Error {}

@Injectable()
export class AccountRepository {
  constructor(private readonly db: TenantDatabase, private readonly context: TenantContext) {}

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

  async disable(id: string, at: Date): Promise<boolean> {
    const result = await this.db.transaction((m) => m.update(Account, { id }, { disabledAt: at }));
    return (result.affected ?? 0) > 0;
  }
}
