import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { FeedFailureReason } from './fetch/feed-failure';
import { FeedRow, RowReject } from './pull/feed-rows';

export type PullTrigger = 'schedule' | 'admin';
export type PullStatus = 'running' | 'ok' | 'failed';

export interface FeedPull {
  id: string;
  feed: string;
  trigger: PullTrigger;
  status: PullStatus;
  reason: FeedFailureReason | null;
  detail: string | null;
  httpStatus: number | null;
  bytes: number | null;
  rowsAccepted: number;
  rowsRejected: number;
  rejects: RowReject[];
  startedAt: Date;
  finishedAt: Date | null;
}

export interface StoredRow extends Omit<FeedRow, 'value'> {
  value: number | null;
}

export interface RowFilter {
  item?: string;
  place?: string;
  region?: string;
  /** Inclusive bounds, as instants. */
  from?: Date;
  until?: Date;
}

export interface ComparisonRow {
  tenant: string;
  feed: string;
  commodityKey: string;
  commodity: string;
  observedOn: string;
  average: number;
  unit: string | null;
  markets: number;
  publishedAt: Date;
}

interface PullRecord {
  id: string;
  feed: string;
  trigger: PullTrigger;
  status: PullStatus;
  reason: FeedFailureReason | null;
  detail: string | null;
  http_status: number | null;
  bytes: number | null;
  rows_accepted: number;
  rows_rejected: number;
  rejects: RowReject[];
  started_at: Date;
  finished_at: Date | null;
}

const pullOf = (r: PullRecord): FeedPull => ({
  id: r.id,
  feed: r.feed,
  trigger: r.trigger,
  status: r.status,
  reason: r.reason,
  detail: r.detail,
  httpStatus: r.http_status,
  bytes: r.bytes,
  rowsAccepted: r.rows_accepted,
  rowsRejected: r.rows_rejected,
  rejects: r.rejects,
  startedAt: new Date(r.started_at),
  finishedAt: r.finished_at && new Date(r.finished_at),
});

interface RowRecord {
  series: string;
  observed_at: Date;
  item: string;
  place: string | null;
  region: string | null;
  value: string | null;
  unit: string | null;
  link: string | null;
}

const rowOf = (r: RowRecord): StoredRow => ({
  series: r.series,
  observedAt: new Date(r.observed_at),
  item: r.item,
  place: r.place,
  region: r.region,
  value: r.value === null ? null : Number(r.value),
  unit: r.unit,
  link: r.link,
});

/**
 * Every query on feed data, each inside the tenant's transaction: row-level
 * security keeps a tenant to its own pulls and rows. The one exception is
 * `comparison()`, which reads the published price averages every opted-in
 * tenant writes (see the migration for the policy that allows exactly that).
 */
@Injectable()
export class FeedsRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  startPull(feed: string, trigger: PullTrigger, at: Date): Promise<string> {
    const tenant = this.context.tenant.slug;
    return this.db.transaction(async (m) => {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO feed_pulls (tenant_id, feed, trigger, status, started_at) VALUES ($1, $2, $3, 'running', $4) RETURNING id`,
        [tenant, feed, trigger, at],
      );
      return id;
    });
  }

  failPull(
    id: string,
    at: Date,
    failure: { reason: FeedFailureReason; detail: string; httpStatus?: number; bytes?: number; rejected?: number; rejects?: RowReject[] },
  ): Promise<void> {
    return this.db.transaction(async (m) => {
      await m.query(
        `UPDATE feed_pulls SET status = 'failed', reason = $2, detail = $3, http_status = $4, bytes = $5, rows_rejected = $6, rejects = $7::jsonb, finished_at = $8 WHERE id = $1`,
        [
          id,
          failure.reason,
          failure.detail.slice(0, 1000),
          failure.httpStatus ?? null,
          failure.bytes ?? null,
          failure.rejected ?? 0,
          JSON.stringify(failure.rejects ?? []),
          at,
        ],
      );
    });
  }

  /**
   * A good pull, in one transaction: its rows (a later pull of the same series
   * and date replaces the figure), the pull's outcome, and the tenant's
   * published comparison for this source: its daily averages per commodity when
   * it opts in (`publish`), none when it does not.
   */
  storePull(
    id: string,
    feed: string,
    rows: FeedRow[],
    outcome: { at: Date; httpStatus: number; bytes: number; rejected: number; rejects: RowReject[] },
    publish: { compare: boolean; timezone: string },
  ): Promise<void> {
    const tenant = this.context.tenant.slug;
    return this.db.transaction(async (m) => {
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        await m.query(
          `INSERT INTO feed_rows (tenant_id, feed, series, observed_at, item, place, region, value, unit, link, pull_id)
           SELECT $1, $2, r.series, r.observed_at, r.item, r.place, r.region, r.value, r.unit, r.link, $3
             FROM jsonb_to_recordset($4::jsonb) AS r(series text, observed_at timestamptz, item text, place text, region text, value numeric, unit text, link text)
           ON CONFLICT (tenant_id, feed, series, observed_at) DO UPDATE
             SET item = EXCLUDED.item, place = EXCLUDED.place, region = EXCLUDED.region, value = EXCLUDED.value, unit = EXCLUDED.unit,
                 link = EXCLUDED.link, pull_id = EXCLUDED.pull_id`,
          [tenant, feed, id, JSON.stringify(chunk.map((r) => ({ ...r, observed_at: r.observedAt.toISOString() })))],
        );
      }
      await m.query(
        `UPDATE feed_pulls SET status = 'ok', http_status = $2, bytes = $3, rows_accepted = $4, rows_rejected = $5, rejects = $6::jsonb, finished_at = $7 WHERE id = $1`,
        [id, outcome.httpStatus, outcome.bytes, rows.length, outcome.rejected, JSON.stringify(outcome.rejects), outcome.at],
      );
      if (!publish.compare) {
        await m.query(`DELETE FROM feed_price_comparison WHERE feed = $1`, [feed]);
        return;
      }
      await m.query(
        `INSERT INTO feed_price_comparison (tenant_id, feed, commodity_key, commodity, observed_on, average, unit, markets, published_at)
         SELECT $1, $2, lower(item), min(item), (observed_at AT TIME ZONE $4)::date, round(avg(value), 2), min(unit), count(*), $5
           FROM feed_rows WHERE feed = $2 AND pull_id = $3 AND value IS NOT NULL
          GROUP BY lower(item), (observed_at AT TIME ZONE $4)::date
         ON CONFLICT (tenant_id, feed, commodity_key, observed_on) DO UPDATE
           SET commodity = EXCLUDED.commodity, average = EXCLUDED.average, unit = EXCLUDED.unit, markets = EXCLUDED.markets, published_at = EXCLUDED.published_at`,
        [tenant, feed, id, publish.timezone, outcome.at],
      );
    });
  }

  /** The newest pulls of a source, newest first. */
  pulls(feed: string, limit: number): Promise<FeedPull[]> {
    return this.db.transaction(async (m) =>
      (await m.query<PullRecord[]>(`SELECT * FROM feed_pulls WHERE feed = $1 ORDER BY started_at DESC, id LIMIT $2`, [feed, limit])).map(
        pullOf,
      ),
    );
  }

  /** Per source: its latest pull and its latest good one. */
  statuses(feeds: string[]): Promise<Map<string, { latest: FeedPull | null; lastGood: FeedPull | null }>> {
    return this.db.transaction(async (m) => {
      const latest = (
        await m.query<PullRecord[]>(`SELECT DISTINCT ON (feed) * FROM feed_pulls WHERE feed = ANY($1) ORDER BY feed, started_at DESC`, [
          feeds,
        ])
      ).map(pullOf);
      const good = (
        await m.query<PullRecord[]>(
          `SELECT DISTINCT ON (feed) * FROM feed_pulls WHERE feed = ANY($1) AND status = 'ok' ORDER BY feed, started_at DESC`,
          [feeds],
        )
      ).map(pullOf);
      return new Map(
        feeds.map((f) => [f, { latest: latest.find((p) => p.feed === f) ?? null, lastGood: good.find((p) => p.feed === f) ?? null }]),
      );
    });
  }

  /** Rows of a source, newest first, filtered; one more than `limit` tells that there are more. */
  rows(feed: string, filter: RowFilter, limit: number, offset: number): Promise<StoredRow[]> {
    return this.db.transaction(async (m) =>
      (
        await m.query<RowRecord[]>(
          `SELECT series, observed_at, item, place, region, value, unit, link FROM feed_rows
        WHERE feed = $1 AND ($2::text IS NULL OR item = $2) AND ($3::text IS NULL OR place = $3) AND ($4::text IS NULL OR region = $4)
          AND ($5::timestamptz IS NULL OR observed_at >= $5) AND ($6::timestamptz IS NULL OR observed_at <= $6)
        ORDER BY observed_at DESC, item, place NULLS FIRST, region NULLS FIRST LIMIT $7 OFFSET $8`,
          [
            feed,
            filter.item ?? null,
            filter.place ?? null,
            filter.region ?? null,
            filter.from ?? null,
            filter.until ?? null,
            limit,
            offset,
          ],
        )
      ).map(rowOf),
    );
  }

  /** The values the filters offer: every item, place and region the source has given. */
  options(feed: string): Promise<{ items: string[]; places: string[]; regions: string[] }> {
    return this.db.transaction(async (m) => {
      const distinct = async (column: 'item' | 'place' | 'region') =>
        (
          await m.query<{ v: string }[]>(
            `SELECT DISTINCT ${column} AS v FROM feed_rows WHERE feed = $1 AND ${column} IS NOT NULL ORDER BY 1 LIMIT 300`,
            [feed],
          )
        ).map((r) => r.v);
      return { items: await distinct('item'), places: await distinct('place'), regions: await distinct('region') };
    });
  }

  /** The last `points` figures of each series, oldest first, for the trend charts. */
  trends(feed: string, series: string[], points: number): Promise<Map<string, { at: Date; value: number }[]>> {
    return this.db.transaction(async (m) => {
      const rows = await m.query<{ series: string; observed_at: Date; value: string }[]>(
        `SELECT series, observed_at, value FROM (
           SELECT series, observed_at, value, row_number() OVER (PARTITION BY series ORDER BY observed_at DESC) AS n
             FROM feed_rows WHERE feed = $1 AND series = ANY($2) AND value IS NOT NULL) t
          WHERE n <= $3 ORDER BY series, observed_at`,
        [feed, series, points],
      );
      const out = new Map<string, { at: Date; value: number }[]>();
      for (const r of rows) {
        const list = out.get(r.series) ?? [];
        list.push({ at: new Date(r.observed_at), value: Number(r.value) });
        out.set(r.series, list);
      }
      return out;
    });
  }

  /** The rows of a source's latest date (in the tenant's zone), for widgets: at most `limit`. */
  latestRows(feed: string, timezone: string, limit: number): Promise<StoredRow[]> {
    return this.db.transaction(async (m) =>
      (
        await m.query<RowRecord[]>(
          `SELECT series, observed_at, item, place, region, value, unit, link FROM feed_rows
        WHERE feed = $1 AND (observed_at AT TIME ZONE $2)::date = (SELECT (max(observed_at) AT TIME ZONE $2)::date FROM feed_rows WHERE feed = $1)
        ORDER BY item, place NULLS FIRST, observed_at DESC LIMIT $3`,
          [feed, timezone, limit],
        )
      ).map(rowOf),
    );
  }

  /**
   * The published daily averages of the given (tenant, source) pairs, the
   * latest date per tenant and commodity. Read across tenants through the
   * table's published_comparison policy; the caller passes only pairs whose
   * config opts in now.
   */
  comparison(pairs: { tenant: string; feed: string }[]): Promise<ComparisonRow[]> {
    if (pairs.length === 0) return Promise.resolve([]);
    return this.db.transaction(async (m) =>
      (
        await m.query<Record<string, unknown>[]>(
          `SELECT DISTINCT ON (c.tenant_id, c.commodity_key) c.tenant_id, c.feed, c.commodity_key, c.commodity, to_char(c.observed_on, 'YYYY-MM-DD') AS observed_on,
              c.average, c.unit, c.markets, c.published_at
         FROM feed_price_comparison c
         JOIN jsonb_to_recordset($1::jsonb) AS p(tenant text, feed text) ON p.tenant = c.tenant_id AND p.feed = c.feed
        ORDER BY c.tenant_id, c.commodity_key, c.observed_on DESC`,
          [JSON.stringify(pairs)],
        )
      ).map((r) => ({
        tenant: String(r.tenant_id),
        feed: String(r.feed),
        commodityKey: String(r.commodity_key),
        commodity: String(r.commodity),
        observedOn: String(r.observed_on),
        average: Number(r.average),
        unit: (r.unit as string | null) ?? null,
        markets: Number(r.markets),
        publishedAt: new Date(r.published_at as string),
      })),
    );
  }
}
