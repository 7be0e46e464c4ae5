import { Controller, Get } from '@nestjs/common';
import { Authenticated } from '@app/accounts';
import { ReportStatsService } from '@app/reports';
import { Locale, TenantContext } from '@app/tenancy';
import { Page, PageLocale, ViewEngine } from '@app/views';
import { formatTime } from './admin-format';
import { DashboardChartsMapper } from './charts/dashboard-charts.mapper';

/** /admin: the tenant's reports at a glance (last 30 days): figures, SVG charts with their tables, the most overdue. */
@Controller('admin')
@Authenticated({ roles: ['admin'] })
export class AdminDashboardPageController {
  constructor(
    private readonly stats: ReportStatsService,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
    private readonly charts: DashboardChartsMapper,
  ) {}

  @Get()
  @Page('admin-dashboard')
  async dashboard(@PageLocale() locale: Locale) {
    const tenant = this.context.tenant;
    const { statuses } = tenant.config.workflow;
    const [s, c] = await Promise.all([this.stats.dashboard(), this.stats.charts()]);
    return {
      title: this.views.text(tenant, locale, 'admin.dashboard.title'),
      adminSection: 'dashboard',
      since: formatTime(s.since, tenant.config.timezone, locale),
      byStatus: s.byStatus.map((r) => ({ code: r.status, name: statuses[r.status]?.name ?? r.status, count: r.count })),
      total: s.byStatus.reduce((n, r) => n + r.count, 0),
      overdue: s.overdue,
      byAgency: s.byAgency.map((r) => ({ ...r, name: tenant.config.agencies[r.agency]?.name ?? r.agency })),
      medianHours: s.medianHoursToDone,
      medianDays: s.medianHoursToDone === null ? null : Math.round((s.medianHoursToDone / 24) * 10) / 10,
      doneCount: s.doneCount,
      charts: this.charts.charts(locale, c),
      exportHref: '/konsol/ekspor.csv?status=',
    };
  }
}
