import { Injectable } from '@nestjs/common';
import { DashboardCharts } from '@app/reports';
import { Locale, TenantContext } from '@app/tenancy';
import { ViewEngine } from '@app/views';
import { labelledBars, Series, stackedColumns } from './svg-charts';

const WEEKS = 5;
const TOP_CATEGORIES = 5;
const DAY_MS = 86_400_000;

/** The dashboard's charts as view models: names from the tenant's config, text in the reader's language. */
@Injectable()
export class DashboardChartsMapper {
  constructor(
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
  ) {}

  charts(locale: Locale, c: DashboardCharts & { since: Date; now: Date }) {
    const { config } = this.context.tenant;
    const t = (key: string, params?: Record<string, unknown>) =>
      this.views.text(this.context.tenant, locale, `consoles.charts.${key}`, params);
    const name = (text: { id: string; en?: string } | undefined, code: string) => (text ? (text[locale] ?? text.id) : code);
    const dayFormat = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      day: 'numeric',
      month: 'short',
      timeZone: config.timezone,
    });
    const number = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
    // Oldest week first; week 0 is the last seven days.
    const weeks = Array.from({ length: WEEKS }, (_, i) => WEEKS - 1 - i);
    const buckets = weeks.map((w) => dayFormat.format(new Date(c.now.getTime() - (w + 1) * 7 * DAY_MS + DAY_MS)));
    const statusCodes = Object.keys(config.workflow.statuses);
    const statusSeries: Series[] = statusCodes.map((code, i) => ({
      name: name(config.workflow.statuses[code].name, code),
      tone: `status-${i % 9}`,
      values: weeks.map((w) => c.statusByWeek.find((r) => r.week === w && r.status === code)?.count ?? 0),
    }));
    const categoryTotals = new Map<string, number>();
    for (const r of c.categoryByWeek) categoryTotals.set(r.category, (categoryTotals.get(r.category) ?? 0) + r.count);
    const top = [...categoryTotals.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_CATEGORIES)
      .map(([code]) => code);
    const categorySeries: Series[] = top.map((code, i) => ({
      name: name(config.categories[code]?.name, code),
      tone: `series-${i}`,
      values: weeks.map((w) => c.categoryByWeek.find((r) => r.week === w && r.category === code)?.count ?? 0),
    }));
    if (categoryTotals.size > top.length) {
      categorySeries.push({
        name: t('otherCategories'),
        tone: 'series-other',
        values: weeks.map((w) =>
          c.categoryByWeek.filter((r) => r.week === w && !top.includes(r.category)).reduce((n, r) => n + r.count, 0),
        ),
      });
    }
    const agencyName = (code: string) => config.agencies[code]?.name ?? code;
    const statusName = (code: string) => name(config.workflow.statuses[code]?.name, code);
    const maxHours = Math.max(0, ...c.stageMedians.map((s) => s.hours));
    return {
      byStatus: stackedColumns({
        id: 'chart-status',
        title: t('statusTitle'),
        desc: t('statusDesc'),
        buckets,
        series: statusSeries,
        totalLabel: t('total'),
        bucketLabel: t('weekOf'),
      }),
      byCategory: stackedColumns({
        id: 'chart-category',
        title: t('categoryTitle'),
        desc: t('categoryDesc'),
        buckets,
        series: categorySeries,
        totalLabel: t('total'),
        bucketLabel: t('weekOf'),
      }),
      sla: labelledBars({
        id: 'chart-sla',
        title: t('slaTitle'),
        desc: t('slaDesc'),
        max: 100,
        rows: c.slaByAgency.map((r) => {
          const percent = r.total ? Math.round((r.withinSla / r.total) * 100) : 0;
          return {
            label: agencyName(r.agency),
            value: percent,
            text: t('slaValue', { percent, within: r.withinSla, total: r.total }),
            tone: percent >= 80 ? 'ok' : percent >= 50 ? 'warn' : 'bad',
          };
        }),
      }),
      stages: labelledBars({
        id: 'chart-stages',
        title: t('stagesTitle'),
        desc: t('stagesDesc'),
        max: maxHours,
        rows: c.stageMedians.map((s) => ({
          label: `${agencyName(s.agency)} · ${statusName(s.status)}`,
          value: s.hours,
          text: t('hours', { hours: number.format(s.hours), n: s.n }),
          tone: 'series-0',
        })),
      }),
      mostOverdue: c.mostOverdue.map((r) => ({
        ticket: r.ticket,
        href: `/konsol/laporan/${encodeURIComponent(r.ticket)}`,
        category: name(config.categories[r.category]?.name, r.category),
        agency: agencyName(r.agency),
        status: statusName(r.status),
        late: t('daysLate', { days: Math.max(1, Math.ceil((c.now.getTime() - new Date(r.dueAt).getTime()) / DAY_MS)) }),
      })),
    };
  }
}
