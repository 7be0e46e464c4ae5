import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { TenantContext } from '@app/tenancy';
import { DashboardStats, ReportStatsRepository } from './report-stats.repository';
import { DashboardCharts, ReportChartsRepository } from './report-charts.repository';

export const DASHBOARD_DAYS = 30;

/** The admin dashboard's numbers for the current tenant, over the last 30 days. */
@Injectable()
export class ReportStatsService {
  constructor(
    private readonly stats: ReportStatsRepository,
    private readonly chartData: ReportChartsRepository,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  dashboard(): Promise<DashboardStats & { since: Date }> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - DASHBOARD_DAYS * 24 * 3600_000);
    // Selesai is the status an `accept` action reaches; the tenant's workflow names those actions.
    const accept = Object.entries(this.context.tenant.config.workflow.actions)
      .filter(([, a]) => a.kind === 'accept')
      .map(([code]) => code);
    return this.stats.dashboard(since, now, accept).then((s) => ({ ...s, since }));
  }

  /** The dashboard's charts over the same window, and the ten most overdue open reports. */
  charts(): Promise<DashboardCharts & { since: Date; now: Date }> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - DASHBOARD_DAYS * 24 * 3600_000);
    const closed = Object.entries(this.context.tenant.config.workflow.statuses)
      .filter(([, s]) => s.state === 'closed')
      .map(([code]) => code);
    return this.chartData.charts(since, now, closed, 10).then((c) => ({ ...c, since, now }));
  }
}
