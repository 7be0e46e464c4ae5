import { Injectable } from '@nestjs/common';
import { FeedKind, FeedSourceConfig, Locale, serviceTitle, TenantContext } from '@app/tenancy';
import { formatDateTime } from '@app/config';
import { ViewEngine } from '@app/views';
import { ComparisonColumn, FeedStatus, FeedTable } from '../feeds.service';
import { ComparisonRow, RowFilter, StoredRow } from '../feeds.repository';
import { sparkline } from './sparkline';

const WIDGET_FIGURES = 5;

export interface FilterValues {
  item?: string;
  tempat?: string;
  wilayah?: string;
  dari?: string;
  sampai?: string;
}

/**
 * View models of the feed pages and widgets. Every figure carries its source
 * and time: the attribution and licence of the source, the date the figure
 * is for, and when it was last pulled; a failing or old source says so in
 * words ("Data dari …, belum diperbarui sejak …").
 */
@Injectable()
export class FeedPagesMapper {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  index(
    locale: Locale,
    feeds: Record<string, FeedSourceConfig>,
    statuses: Map<string, FeedStatus>,
    latest: Map<string, StoredRow[]>,
    compares: boolean,
  ) {
    const title = serviceTitle(this.context.tenant, 'feeds', locale);
    return {
      title,
      heading: title,
      widgets: this.widgets(locale, feeds, statuses, latest),
      comparison: compares ? { href: '/info/perbandingan-harga' } : null,
    };
  }

  /** One card per source: its latest figures, source and time, and the stale notice. */
  widgets(locale: Locale, feeds: Record<string, FeedSourceConfig>, statuses: Map<string, FeedStatus>, latest: Map<string, StoredRow[]>) {
    return Object.entries(feeds).map(([code, source]) => {
      const rows = latest.get(code) ?? [];
      return {
        code,
        href: `/info/${code}`,
        name: this.name(source, locale),
        kind: source.kind,
        source: this.sourceLine(locale, source, statuses.get(code)),
        figures: this.figures(locale, source.kind, rows),
        date: rows[0] ? this.day(rows[0].observedAt, locale) : null,
        datetime: rows[0]?.observedAt.toISOString() ?? null,
      };
    });
  }

  table(
    locale: Locale,
    code: string,
    source: FeedSourceConfig,
    status: FeedStatus | undefined,
    table: FeedTable,
    filter: FilterValues,
    page: number,
  ) {
    const t = (key: string, params?: Record<string, unknown>) => this.text(locale, key, params);
    const k = (field: string) => t(`feeds.kinds.${source.kind}.${field}`);
    const options = (values: string[], selected?: string) => [
      { value: '', label: t('feeds.filters.all'), selected: !selected },
      ...values.map((v) => ({ value: v, label: v, selected: v === selected })),
    ];
    const query = (p: number) => {
      const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
      if (p > 1) q.set('halaman', String(p));
      const s = q.toString();
      return `/info/${code}${s ? `?${s}` : ''}`;
    };
    const hasValue = source.kind !== 'job-vacancies' || table.rows.some((r) => r.value !== null);
    return {
      title: this.name(source, locale),
      heading: this.name(source, locale),
      code,
      kind: source.kind,
      service: serviceTitle(this.context.tenant, 'feeds', locale),
      source: this.sourceLine(locale, source, status),
      labels: { item: k('item'), place: k('place'), region: k('region'), value: k('value'), date: k('date') },
      filters: {
        items: options(table.options.items, filter.item),
        places: options(table.options.places, filter.tempat),
        regions: options(table.options.regions, filter.wilayah),
        hasPlaces: table.options.places.length > 0,
        hasRegions: table.options.regions.length > 0,
        from: filter.dari ?? '',
        until: filter.sampai ?? '',
        active: Object.values(filter).some(Boolean),
      },
      hasValue,
      rows: table.rows.map((r) => ({
        date: this.day(r.observedAt, locale),
        datetime: r.observedAt.toISOString(),
        item: r.item,
        place: r.place,
        region: r.region,
        value: r.value === null ? null : this.number(r.value, locale),
        unit: r.unit,
        link: r.link,
      })),
      trends: table.trends
        .filter((tr) => tr.values.length >= 2)
        .map(({ row, values }) => {
          const chart = sparkline(values.map((v) => v.value))!;
          const first = values[0];
          const last = values[values.length - 1];
          const label = [row.item, row.place, row.region].filter(Boolean).join(' · ');
          return {
            label,
            chart,
            latest: this.number(last.value, locale),
            unit: row.unit,
            since: this.day(first.at, locale),
            until: this.day(last.at, locale),
            datetime: last.at.toISOString(),
            description: t(`feeds.trend.${chart.direction > 0 ? 'up' : chart.direction < 0 ? 'down' : 'flat'}`, {
              label,
              from: this.number(first.value, locale),
              to: this.number(last.value, locale),
              unit: row.unit ?? '',
              since: this.day(first.at, locale),
              until: this.day(last.at, locale),
            }),
          };
        }),
      pagination:
        page > 1 || table.hasMore ? { page, prev: page > 1 ? query(page - 1) : null, next: table.hasMore ? query(page + 1) : null } : null,
    };
  }

  comparison(locale: Locale, data: { columns: ComparisonColumn[]; rows: ComparisonRow[] }) {
    const byCommodity = new Map<string, ComparisonRow[]>();
    for (const r of data.rows) byCommodity.set(r.commodityKey, [...(byCommodity.get(r.commodityKey) ?? []), r]);
    // Only commodities that at least two provinces publish can be compared.
    const commodities = [...byCommodity.entries()]
      .filter(([, rows]) => new Set(rows.map((r) => r.tenant)).size >= 2)
      .sort(([a], [b]) => a.localeCompare(b));
    return {
      title: this.text(locale, 'feeds.comparison.title'),
      heading: this.text(locale, 'feeds.comparison.title'),
      service: serviceTitle(this.context.tenant, 'feeds', locale),
      columns: data.columns.map((c) => ({ ...c, current: c.tenant === this.context.tenant.slug })),
      rows: commodities.map(([, rows]) => ({
        commodity: rows[0].commodity,
        cells: data.columns.map((c) => {
          const r = rows.find((x) => x.tenant === c.tenant);
          return r
            ? {
                value: this.number(r.average, locale),
                unit: r.unit,
                markets: r.markets,
                date: this.dayOf(r.observedOn, locale),
                datetime: r.observedOn,
                province: c.name,
              }
            : { missing: true, province: c.name };
        }),
      })),
    };
  }

  private figures(locale: Locale, kind: FeedKind, rows: StoredRow[]) {
    if (kind === 'job-vacancies') {
      return rows.slice(0, WIDGET_FIGURES).map((r) => ({
        label: r.item,
        detail: [r.place, r.region].filter(Boolean).join(' · ') || null,
        value: r.value === null ? null : this.number(r.value, locale),
        unit: r.value === null ? null : r.unit,
        link: r.link,
      }));
    }
    // The latest day's figure per item, averaged over markets or stations.
    const groups = new Map<string, StoredRow[]>();
    for (const r of rows) if (r.value !== null) groups.set(r.item, [...(groups.get(r.item) ?? []), r]);
    return [...groups.entries()].slice(0, WIDGET_FIGURES).map(([item, list]) => ({
      label: item,
      detail:
        list.length > 1
          ? this.text(locale, `feeds.kinds.${kind}.averageOf`, { count: list.length })
          : [list[0].place, list[0].region].filter(Boolean).join(' · ') || null,
      value: this.number(list.reduce((s, r) => s + r.value!, 0) / list.length, locale),
      unit: list[0].unit,
      link: null,
    }));
  }

  private sourceLine(locale: Locale, source: FeedSourceConfig, status: FeedStatus | undefined) {
    const good = status?.lastGood?.finishedAt ?? null;
    const zone = this.context.tenant.config.timezone;
    const since = good ? formatDateTime(good, locale, zone) : null;
    return {
      attribution: source.attribution,
      licence: source.licence,
      page: source.page ?? null,
      updated: since,
      updatedIso: good?.toISOString() ?? null,
      stale: status?.stale ?? true,
      notice:
        (status?.stale ?? true)
          ? since
            ? this.text(locale, 'feeds.stale', { source: source.attribution, since })
            : this.text(locale, 'feeds.never', { source: source.attribution })
          : null,
    };
  }

  private name(source: FeedSourceConfig, locale: Locale): string {
    return source.name[locale] ?? source.name.id;
  }

  private number(n: number, locale: Locale): string {
    return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
  }

  private day(at: Date, locale: Locale): string {
    return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      dateStyle: 'medium',
      timeZone: this.context.tenant.config.timezone,
    }).format(at);
  }

  private dayOf(isoDate: string, locale: Locale): string {
    return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${isoDate}T00:00:00Z`),
    );
  }

  private text(locale: Locale, key: string, params?: Record<string, unknown>): string {
    return this.views.text(this.context.tenant, locale, key, params);
  }
}

/** The page's filters as the repository takes them: dates as whole days in the tenant's zone. */
export function rowFilterOf(filter: FilterValues, zonedDayStart: (day: string) => Date): RowFilter {
  const dayMs = 24 * 3600_000;
  return {
    item: filter.item || undefined,
    place: filter.tempat || undefined,
    region: filter.wilayah || undefined,
    from: filter.dari ? zonedDayStart(filter.dari) : undefined,
    until: filter.sampai ? new Date(zonedDayStart(filter.sampai).getTime() + dayMs - 1) : undefined,
  };
}
