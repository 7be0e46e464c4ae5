import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { EntityManager, In } from 'typeorm';
import { PhotoKind, Report, ReportEvent, ReportPhoto, ReportSupport } from './entities';
import { FeedQuery, feedReport, FeedRow, feedStatement } from './feed-query';
import { boundingBox, boxSqlAround, haversineSql } from './nearby/distance-sql';

export type NewReport = Omit<
  Report,
  'tenantId' | 'id' | 'ticketNo' | 'supportsCount' | 'rating' | 'ratingComment' | 'handoffTarget' | 'escalatedAt' | 'updatedAt'
>;
export type NewEvent = Omit<ReportEvent, 'tenantId' | 'reportId' | 'seq' | 'createdAt'> & { createdAt?: Date };
export type NewPhoto = Omit<ReportPhoto, 'tenantId' | 'reportId'>;

export type { FeedQuery } from './feed-query';

export interface QueueQuery {
  agencies: string[] | null;
  status?: string;
  category?: string;
  region?: string;
  state?: 'open' | 'closed';
  page: number;
  pageSize: number;
  now: Date;
}

/** Filters of a report search (Open311 GET requests); every given filter must match. */
export interface ReportSearch {
  tickets?: string[];
  categories?: string[];
  states?: ('open' | 'closed')[];
  /** Submitted at or after / at or before. */
  from?: Date;
  to?: Date;
  publicOnly: boolean;
  limit: number;
}

export interface ReportSearchHit {
  report: Report;
  /** The first photo the reporter sent, if any. */
  coverPhotoId: string | null;
}

/** Open reports of one category around a point. */
export interface NearbyQuery {
  category: string;
  latitude: number;
  longitude: number;
  radiusMeters: number;
  /** Citizens see public reports only; officers see every report they may handle. */
  publicOnly: boolean;
  excludeId?: string;
  limit: number;
}

export interface NearbyHit {
  report: Report;
  distanceMeters: number;
}

export interface EvidenceMatch {
  reportId: string;
  ticketNo: string;
  photoId: string;
  exact: boolean;
}

/**
 * Every query on reports, each inside the tenant's transaction (RLS filters
 * the rows; no query names a tenant except to stamp new rows with it).
 */
@Injectable()
export class ReportRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  findByIdempotencyKey(key: string): Promise<Report | null> {
    return this.db.transaction((m) => m.findOneBy(Report, { idempotencyKey: key }));
  }

  findByTicket(ticketNo: string): Promise<Report | null> {
    return this.db.transaction((m) => m.findOneBy(Report, { ticketNo }));
  }

  /**
   * Stores a new report with its photos and first events in one transaction,
   * numbering it from the tenant's counter for that day.
   */
  create(report: NewReport, day: string, ticket: (sequence: number) => string, photos: NewPhoto[], events: NewEvent[]): Promise<Report> {
    const tenantId = this.context.tenant.slug;
    return this.db.transaction(async (m) => {
      const [{ last }] = await m.query<{ last: number }[]>(
        `INSERT INTO report_counters (tenant_id, day, last) VALUES ($1, $2, 1)
         ON CONFLICT (tenant_id, day) DO UPDATE SET last = report_counters.last + 1 RETURNING last`,
        [tenantId, day],
      );
      const saved = await m.save(
        m.create(Report, {
          ...report,
          tenantId,
          ticketNo: ticket(Number(last)),
          supportsCount: 0,
          updatedAt: report.createdAt,
          details: report.details ?? {},
        }),
      );
      await this.insertPhotos(m, saved.id, photos);
      await this.insertEvents(m, saved.id, events);
      return saved;
    });
  }

  timeline(reportId: string): Promise<ReportEvent[]> {
    return this.db.transaction((m) => m.find(ReportEvent, { where: { reportId }, order: { seq: 'ASC' } }));
  }

  photos(reportId: string): Promise<ReportPhoto[]> {
    return this.db.transaction((m) => m.find(ReportPhoto, { where: { reportId }, order: { uploadedAt: 'ASC' } }));
  }

  /** The first citizen photo of each report, for the console queue's thumbnails. */
  async firstPhotos(reportIds: string[]): Promise<Map<string, string>> {
    if (reportIds.length === 0) return new Map();
    const rows = await this.db.transaction((m) =>
      m.query<{ report_id: string; id: string }[]>(
        `SELECT DISTINCT ON (report_id) report_id, id FROM report_photos WHERE report_id = ANY($1::uuid[]) AND kind = 'report'
        ORDER BY report_id, uploaded_at`,
        [reportIds],
      ),
    );
    return new Map(rows.map((r) => [r.report_id, r.id]));
  }

  photo(id: string): Promise<{ photo: ReportPhoto; report: Report } | null> {
    return this.db.transaction(async (m) => {
      const photo = await m.findOneBy(ReportPhoto, { id });
      const report = photo && (await m.findOneBy(Report, { id: photo.reportId }));
      return photo && report ? { photo, report } : null;
    });
  }

  /**
   * Public reports only, newest first; `hasMore` instead of a count, which would
   * scan the tenant's whole feed. `covers`: each report's first photo id (the card's thumbnail).
   */
  async feed(q: FeedQuery): Promise<{ items: Report[]; hasMore: boolean; covers: Map<string, string> }> {
    // The hottest public read: one statement in one round trip, rows mapped by hand (docs/benchmarks.md, "feed floor").
    const rows = await this.db.read<FeedRow>(feedStatement(q));
    const page = rows.slice(0, q.pageSize);
    const covers = new Map<string, string>();
    for (const row of page) if (row.cover_id) covers.set(row.id, row.cover_id);
    return { items: page.map(feedReport), hasMore: rows.length > q.pageSize, covers };
  }

  /** Reports matching `q`, newest first, each with its cover photo (two queries, never one per report). */
  search(q: ReportSearch): Promise<ReportSearchHit[]> {
    return this.db.transaction(async (m) => {
      const qb = m.createQueryBuilder(Report, 'r');
      if (q.publicOnly) qb.andWhere(`r.privacy = 'public'`);
      if (q.tickets) qb.andWhere('r.ticket_no IN (:...tickets)', { tickets: q.tickets.length ? q.tickets : ['-'] });
      if (q.categories) qb.andWhere('r.category_code IN (:...categories)', { categories: q.categories.length ? q.categories : ['-'] });
      if (q.states) qb.andWhere('r.state IN (:...states)', { states: q.states.length ? q.states : ['-'] });
      if (q.from) qb.andWhere('r.created_at >= :from', { from: q.from });
      if (q.to) qb.andWhere('r.created_at <= :to', { to: q.to });
      const reports = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').limit(q.limit).getMany();
      if (reports.length === 0) return [];
      const cover = await coversOf(m, reports);
      return reports.map((report) => ({ report, coverPhotoId: cover.get(report.id) ?? null }));
    });
  }

  /** A deleted account's reports stay, without their reporter: no account, no contact. */
  async anonymiseReporter(accountId: string): Promise<void> {
    await this.db.transaction((m) =>
      m.update(Report, { reporterAccountId: accountId }, { reporterAccountId: null, reporterContact: null }),
    );
  }

  byReporter(accountId: string): Promise<Report[]> {
    return this.db.transaction((m) => m.find(Report, { where: { reporterAccountId: accountId }, order: { createdAt: 'DESC' }, take: 100 }));
  }

  /** An agency's reports, overdue open ones first, then by due time. */
  queue(q: QueueQuery): Promise<{ items: Report[]; hasMore: boolean }> {
    return this.db.transaction(async (m) => {
      const qb = m.createQueryBuilder(Report, 'r');
      if (q.agencies) qb.andWhere('r.agency_code IN (:...agencies)', { agencies: q.agencies.length ? q.agencies : ['-'] });
      if (q.state) qb.andWhere('r.state = :state', { state: q.state });
      if (q.status) qb.andWhere('r.status = :status', { status: q.status });
      if (q.category) qb.andWhere('r.category_code = :category', { category: q.category });
      if (q.region) qb.andWhere('(r.region_code = :region OR r.region_code LIKE :prefix)', { region: q.region, prefix: `${q.region}.%` });
      const rows = await qb
        .orderBy(`CASE WHEN r.state = 'open' AND r.due_at < :now THEN 0 ELSE 1 END`, 'ASC')
        .setParameter('now', q.now)
        .addOrderBy('r.due_at', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .offset((q.page - 1) * q.pageSize)
        .limit(q.pageSize + 1)
        .getMany();
      const items = rows.slice(0, q.pageSize);
      return { items, hasMore: rows.length > q.pageSize, covers: await coversOf(m, items) };
    });
  }

  /**
   * One batch of the queue's reports for an export, oldest first, after the
   * last one of the previous batch (keyset: no offset that slows deep pages).
   */
  exportBatch(
    q: Omit<QueueQuery, 'page' | 'pageSize' | 'now'>,
    after: { createdAt: Date; id: string } | null,
    limit: number,
  ): Promise<Report[]> {
    return this.db.transaction((m) => {
      const qb = m.createQueryBuilder(Report, 'r');
      if (q.agencies) qb.andWhere('r.agency_code IN (:...agencies)', { agencies: q.agencies.length ? q.agencies : ['-'] });
      if (q.state) qb.andWhere('r.state = :state', { state: q.state });
      if (q.status) qb.andWhere('r.status = :status', { status: q.status });
      if (q.category) qb.andWhere('r.category_code = :category', { category: q.category });
      if (q.region) qb.andWhere('(r.region_code = :region OR r.region_code LIKE :prefix)', { region: q.region, prefix: `${q.region}.%` });
      if (after) qb.andWhere('(r.created_at, r.id) > (:at, :id)', { at: after.createdAt, id: after.id });
      return qb.orderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC').limit(limit).getMany();
    });
  }

  /** Applies a change to a report and appends its events and photos, atomically, if the report is still in `expectedStatus`. */
  update(
    report: Report,
    expectedStatus: string,
    changes: Partial<Report>,
    events: NewEvent[],
    photos: NewPhoto[] = [],
  ): Promise<Report | null> {
    return this.db.transaction(async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(Report)
        .set({ ...changes, updatedAt: changes.updatedAt ?? new Date() })
        .where('id = :id AND status = :expected', { id: report.id, expected: expectedStatus })
        .execute();
      if (!result.affected) return null;
      await this.insertPhotos(m, report.id, photos);
      await this.insertEvents(m, report.id, events);
      return m.findOneBy(Report, { id: report.id });
    });
  }

  /** Records a support once per supporter; false when this supporter had already supported it. */
  support(report: Report, supporter: string, at: Date): Promise<boolean> {
    const tenantId = this.context.tenant.slug;
    return this.db.transaction(async (m) => {
      const inserted = await m.query<unknown[]>(
        `INSERT INTO report_supports (tenant_id, report_id, supporter, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [tenantId, report.id, supporter, at],
      );
      if (inserted.length === 0) return false;
      await m.increment(Report, { id: report.id }, 'supportsCount', 1);
      return true;
    });
  }

  /** Whether `supporter` already supported the report (the button shows it). */
  hasSupported(report: Report, supporter: string): Promise<boolean> {
    return this.db.transaction(async (m) => (await m.countBy(ReportSupport, { reportId: report.id, supporter })) > 0);
  }

  /** Other reports' photos that are the same file or the same picture as `photo`. */
  evidenceMatches(reportId: string, sha256: string, phash: string, maxBits: number): Promise<EvidenceMatch[]> {
    return this.db.transaction(async (m) => {
      const rows: { report_id: string; ticket_no: string; id: string; exact: boolean }[] = await m.query(
        `
        SELECT p.report_id, r.ticket_no, p.id, p.sha256 = $2 AS exact
          FROM report_photos p JOIN reports r ON r.tenant_id = p.tenant_id AND r.id = p.report_id
         WHERE p.report_id <> $1
           AND (p.sha256 = $2 OR bit_count(('x' || p.phash)::bit(64) # ('x' || $3)::bit(64)) <= $4)
         ORDER BY p.uploaded_at LIMIT 20`,
        [reportId, sha256, phash, maxBits],
      );
      return rows.map((r) => ({ reportId: r.report_id, ticketNo: r.ticket_no, photoId: r.id, exact: r.exact }));
    });
  }

  /** Open reports of the category within the radius, nearest first: a bounding box (indexed), then the haversine distance. */
  nearby(q: NearbyQuery): Promise<NearbyHit[]> {
    const { dLat, dLng } = boundingBox(q.latitude, q.radiusMeters);
    const distance = haversineSql('$2::float8', '$3::float8', 'r.latitude', 'r.longitude');
    return this.db.transaction(async (m) => {
      const rows = await m.query<{ id: string; distance: number }[]>(
        `
        SELECT r.id, ${distance} AS distance FROM reports r
         WHERE r.category_code = $1 AND r.state = 'open' ${q.publicOnly ? `AND r.privacy = 'public'` : ''}
           AND r.latitude BETWEEN $2::float8 - $4::float8 AND $2::float8 + $4::float8
           AND r.longitude BETWEEN $3::float8 - $5::float8 AND $3::float8 + $5::float8
           AND ${distance} <= $6::float8 AND r.id IS DISTINCT FROM $7::uuid
         ORDER BY distance, r.created_at LIMIT $8`,
        [q.category, q.latitude, q.longitude, dLat, dLng, q.radiusMeters, q.excludeId ?? null, q.limit],
      );
      if (rows.length === 0) return [];
      const reports = new Map((await m.findBy(Report, { id: In(rows.map((r) => r.id)) })).map((r) => [r.id, r]));
      return rows
        .filter((r) => reports.has(r.id))
        .map((r) => ({ report: reports.get(r.id)!, distanceMeters: Math.round(Number(r.distance)) }));
    });
  }

  /** Which of these reports have another open report of the same category within the radius (a likely duplicate). */
  async withNearbyTwins(reportIds: string[], radiusMeters: number): Promise<Set<string>> {
    if (reportIds.length === 0) return new Set();
    const rows = await this.db.transaction((m) =>
      m.query<{ id: string }[]>(
        `
      SELECT r.id FROM reports r
       WHERE r.id = ANY($1::uuid[]) AND EXISTS (
         SELECT 1 FROM reports o
          WHERE o.category_code = r.category_code AND o.state = 'open' AND o.id <> r.id
            AND ${boxSqlAround('r.latitude', 'r.longitude', 'o.latitude', 'o.longitude', '$2')}
            AND ${haversineSql('r.latitude', 'r.longitude', 'o.latitude', 'o.longitude')} <= $2::float8)`,
        [reportIds, radiusMeters],
      ),
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Marks a report escalated and records it, unless it already was (another instance got there first). */
  markEscalated(report: Report, at: Date, event: NewEvent): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(Report)
        .set({ escalatedAt: at })
        .where('id = :id AND escalated_at IS NULL', { id: report.id })
        .execute();
      if (!result.affected) return false;
      await this.insertEvents(m, report.id, [event]);
      return true;
    });
  }

  /** Open reports past due by `hours` that have not escalated yet. */
  overdueForEscalation(now: Date, hours: number): Promise<Report[]> {
    return this.db.transaction((m) =>
      m
        .createQueryBuilder(Report, 'r')
        .where(`r.state = 'open' AND r.escalated_at IS NULL AND r.due_at + make_interval(hours => :hours) < :now`, { hours, now })
        .orderBy('r.due_at', 'ASC')
        .limit(500)
        .getMany(),
    );
  }

  /** How many open reports an agency holds (an agency cannot be retired while it holds any). */
  openCountByAgency(agency: string): Promise<number> {
    return this.db.transaction(async (m) => m.count(Report, { where: { agencyCode: agency, state: 'open' } }));
  }

  /** Moves every open report of `from` to `to`, each with a timeline event made by `event`; returns their tickets. */
  reassignOpen(from: string, to: string, at: Date, event: (report: Report) => NewEvent): Promise<string[]> {
    return this.db.transaction(async (m) => {
      const reports = await m
        .createQueryBuilder(Report, 'r')
        .setLock('pessimistic_write')
        .where(`r.agency_code = :from AND r.state = 'open'`, { from })
        .getMany();
      for (const report of reports) {
        await m.update(Report, { id: report.id }, { agencyCode: to, updatedAt: at });
        await this.insertEvents(m, report.id, [event(report)]);
      }
      return reports.map((r) => r.ticketNo);
    });
  }

  private async insertPhotos(m: EntityManager, reportId: string, photos: NewPhoto[]): Promise<void> {
    const tenantId = this.context.tenant.slug;
    if (photos.length)
      await m.insert(
        ReportPhoto,
        photos.map((p) => ({ ...p, tenantId, reportId })),
      );
  }

  private async insertEvents(m: EntityManager, reportId: string, events: NewEvent[]): Promise<void> {
    if (!events.length) return;
    const tenantId = this.context.tenant.slug;
    const [{ next }] = await m.query<{ next: string | number }[]>(
      `SELECT coalesce(max(seq), 0) + 1 AS next FROM report_events WHERE report_id = $1`,
      [reportId],
    );
    await m.save(
      events.map((e, i) =>
        m.create(ReportEvent, { ...e, tenantId, reportId, seq: Number(next) + i, createdAt: e.createdAt ?? new Date() }),
      ),
    );
  }
}

export type { PhotoKind };

/** The first photo of each report (two queries for a page, never one per report). */
async function coversOf(m: { query<T>(sql: string, params: unknown[]): Promise<T> }, reports: Report[]): Promise<Map<string, string>> {
  if (reports.length === 0) return new Map();
  const covers = await m.query<{ report_id: string; id: string }[]>(
    `SELECT DISTINCT ON (report_id) report_id, id FROM report_photos
      WHERE report_id = ANY($1::uuid[]) AND kind = 'report' ORDER BY report_id, uploaded_at, id`,
    [reports.map((r) => r.id)],
  );
  return new Map(covers.map((c) => [c.report_id, c.id]));
}
