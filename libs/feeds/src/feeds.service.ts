import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { DEFAULT_STALE_AFTER_HOURS, FeedSourceConfig, TenantContext, TenantRegistry } from '@app/tenancy';
import { enabledFeeds } from './feed-sources';
import { ComparisonRow, FeedPull, FeedsRepository, RowFilter, StoredRow } from './feeds.repository';

export const FEED_PAGE_SIZE = 50;
const TREND_SERIES = 12;
const TREND_POINTS = 30;

export interface FeedStatus {
  latest: FeedPull | null;
  lastGood: FeedPull | null;
  /** No good pull yet, the latest failed, or the last good one is older than the source's staleAfterHours. */
  stale: boolean;
}

export interface FeedTable {
  rows: StoredRow[];
  hasMore: boolean;
  options: { items: string[]; places: string[]; regions: string[] };
  trends: { row: StoredRow; values: { at: Date; value: number }[] }[];
}

export interface ComparisonColumn {
  tenant: string;
  name: string;
  attribution: string;
  licence: string;
}

/** What citizens see of the current tenant's feeds, and the comparison across the provinces that opt in. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly repository: FeedsRepository,
    private readonly context: TenantContext,
    private readonly registry: TenantRegistry,
    private readonly clock: Clock,
  ) {}

  feeds(): Record<string, FeedSourceConfig> {
    return enabledFeeds(this.context.tenant);
  }

  source(code: string): FeedSourceConfig | undefined {
    return Object.hasOwn(this.feeds(), code) ? this.feeds()[code] : undefined;
  }

  async statuses(): Promise<Map<string, FeedStatus>> {
    const feeds = this.feeds();
    const raw = await this.repository.statuses(Object.keys(feeds));
    const now = this.clock.now().getTime();
    return new Map(
      [...raw].map(([code, s]) => {
        const maxAge = (feeds[code].staleAfterHours ?? DEFAULT_STALE_AFTER_HOURS) * 3600_000;
        const goodAt = s.lastGood?.finishedAt?.getTime();
        const stale = goodAt === undefined || s.latest?.status === 'failed' || now - goodAt > maxAge;
        return [code, { ...s, stale }];
      }),
    );
  }

  async table(code: string, filter: RowFilter, page: number): Promise<FeedTable> {
    const rows = await this.repository.rows(code, filter, FEED_PAGE_SIZE + 1, (page - 1) * FEED_PAGE_SIZE);
    const shown = rows.slice(0, FEED_PAGE_SIZE);
    const options = await this.repository.options(code);
    // One chart per series on the page (the newest figure of each), up to a dozen.
    const heads: StoredRow[] = [];
    for (const r of shown) if (r.value !== null && !heads.some((h) => h.series === r.series) && heads.length < TREND_SERIES) heads.push(r);
    const series = await this.repository.trends(
      code,
      heads.map((h) => h.series),
      TREND_POINTS,
    );
    return {
      rows: shown,
      hasMore: rows.length > FEED_PAGE_SIZE,
      options,
      trends: heads.map((row) => ({ row, values: series.get(row.series) ?? [] })),
    };
  }

  latestRows(code: string): Promise<StoredRow[]> {
    return this.repository.latestRows(code, this.context.tenant.config.timezone, 500);
  }

  /** The provinces whose food-price sources opt in now, and their latest published averages. */
  async comparison(): Promise<{ columns: ComparisonColumn[]; rows: ComparisonRow[] }> {
    const pairs: { tenant: string; feed: string }[] = [];
    const columns: ComparisonColumn[] = [];
    for (const tenant of this.registry.list()) {
      for (const [feed, source] of Object.entries(enabledFeeds(tenant))) {
        if (source.kind !== 'food-prices' || source.compare !== true) continue;
        pairs.push({ tenant: tenant.slug, feed });
        if (!columns.some((c) => c.tenant === tenant.slug))
          columns.push({ tenant: tenant.slug, name: tenant.config.name, attribution: source.attribution, licence: source.licence });
      }
    }
    return { columns, rows: await this.repository.comparison(pairs) };
  }

  /** Whether the current tenant takes part in the comparison (its page is offered only then). */
  comparesPrices(): boolean {
    return Object.values(this.feeds()).some((f) => f.kind === 'food-prices' && f.compare === true);
  }
}
