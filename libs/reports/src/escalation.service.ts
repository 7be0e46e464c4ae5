import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@app/config';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { ReportRepository } from './report.repository';

/**
 * Overdue open reports escalate once, past the tenant's `escalation.afterHours`,
 * to its escalation agency; the report keeps its handler, and the timeline
 * says who was alerted and when. Runs every minute in each instance; the
 * update is guarded by `escalated_at IS NULL`, so two instances escalate once.
 */
@Injectable()
export class EscalationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Escalation');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly reports: ReportRepository,
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runAll().catch((e) => this.logger.error(e)), 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async runAll(): Promise<number> {
    let total = 0;
    for (const tenant of this.registry.list()) {
      if (!tenant.isEnabled('reports')) continue;
      total += await this.context.run(tenant, () => this.escalateOverdue());
    }
    return total;
  }

  /** Escalates the current tenant's overdue reports; returns how many. */
  async escalateOverdue(): Promise<number> {
    const { slug, config } = this.context.tenant;
    const now = this.clock.now();
    const { afterHours, agency } = config.reports.escalation;
    let count = 0;
    for (const report of await this.reports.overdueForEscalation(now, afterHours)) {
      const done = await this.reports.markEscalated(report, now, {
        kind: 'escalated', fromStatus: null, toStatus: null, agencyCode: agency, actorAccountId: null, actorRole: 'system',
        note: null, data: { dueAt: report.dueAt.toISOString(), afterHours }, createdAt: now,
      });
      if (done) count++;
    }
    if (count) this.logger.log(`[${slug}] escalated ${count} overdue report(s) to ${agency}`);
    return count;
  }
}
