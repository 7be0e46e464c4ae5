import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { ReportSubscription } from './report-subscription.entity';

@Injectable()
export class ReportSubscriptionRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  async insert(row: Omit<ReportSubscription, 'tenantId'>): Promise<void> {
    const tenantId = this.context.tenant.slug;
    await this.db.transaction((m) => m.upsert(ReportSubscription, { ...row, tenantId }, ['tenantId', 'reportId']));
  }

  find(reportId: string): Promise<ReportSubscription | null> {
    return this.db.transaction((m) => m.findOne(ReportSubscription, { where: { reportId } }));
  }
}
