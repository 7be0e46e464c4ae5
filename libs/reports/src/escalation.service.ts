import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@app/config';
import { JobQueue } from '@app/jobs';
import { PlatformMetrics } from '@app/observability';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { ReportRepository } from './report.repository';

/** The job that escalates one tenant's overdue reports. */
export const ESCALATION_JOB = 'reports-escalation';

/**
 * Overdue open reports escalate once, past the tenant's `escalation.afterHours`,
 * to its escalation agency; the report keeps its handler, and the timeline
 * says who was alerted and when. A scheduled job: every minute, once for the
 * whole cluster, one job per tenant with the reports service, run in that
 * tenant's context and retried with backoff if it fails. The update is still
 * guarded by `escalated_at IS NULL`, so a retried job escalates nothing twice.
 */
@Injectable()
export class EscalationService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Escalation');

  constructor(
    private readonly reports: ReportRepository,
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly metrics: PlatformMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work(ESCALATION_JOB, { retryLimit: 3, retryDelaySeconds: 15, retryBackoff: true, expireInSeconds: 300 }, async () => {
      await this.escalateOverdue();
    });
    await this.jobs.schedule(ESCALATION_JOB, '* * * * *', () =>
      this.registry
        .list()
        .filter((t) => t.isEnabled('reports'))
        .map((t) => t.slug),
    );
  }

  /** Escalates the current tenant's overdue reports; returns how many. */
  async escalateOverdue(): Promise<number> {
    const { slug, config } = this.context.tenant;
    const now = this.clock.now();
    const { afterHours, agency } = config.reports.escalation;
    let count = 0;
    for (const report of await this.reports.overdueForEscalation(now, afterHours)) {
      const done = await this.reports.markEscalated(report, now, {
        kind: 'escalated',
        fromStatus: null,
        toStatus: null,
        agencyCode: agency,
        actorAccountId: null,
        actorRole: 'system',
        note: null,
        data: { dueAt: report.dueAt.toISOString(), afterHours },
        createdAt: now,
      });
      if (done) count++;
    }
    if (count) {
      this.metrics.slaBreached(slug, count);
      this.logger.log(`[${slug}] escalated ${count} overdue report(s) to ${agency}`);
    }
    return count;
  }
}
