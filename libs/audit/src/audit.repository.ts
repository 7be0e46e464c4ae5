import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { AuditEntry } from './audit-entry.entity';

export interface AuditQuery {
  action?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/** Appends to and reads the audit log; there is deliberately no update or delete here. */
@Injectable()
export class AuditRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  append(entry: Omit<AuditEntry, 'tenantId' | 'id'>): Promise<AuditEntry> {
    const tenantId = this.context.tenant.slug;
    return this.db.transaction((m) => m.save(m.create(AuditEntry, { ...entry, tenantId })));
  }

  find(q: AuditQuery): Promise<{ items: AuditEntry[]; hasMore: boolean }> {
    return this.db.transaction(async (m) => {
      const qb = m.createQueryBuilder(AuditEntry, 'a');
      if (q.action) qb.andWhere('a.action LIKE :action', { action: `${q.action.replace(/[%_\\]/g, '\\$&')}%` });
      if (q.actor) qb.andWhere('a.actor_label ILIKE :actor', { actor: `%${q.actor.replace(/[%_\\]/g, '\\$&')}%` });
      if (q.from) qb.andWhere('a.at >= :from', { from: q.from });
      if (q.to) qb.andWhere('a.at < :to', { to: q.to });
      const rows = await qb
        .orderBy('a.at', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .offset((q.page - 1) * q.pageSize)
        .limit(q.pageSize + 1)
        .getMany();
      return { items: rows.slice(0, q.pageSize), hasMore: rows.length > q.pageSize };
    });
  }
}
