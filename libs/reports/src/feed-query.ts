import type { TenantRead } from '@app/database';
import { Report } from './entities';

export interface FeedQuery {
  category?: string;
  status?: string;
  /** A region code; reports in it or in any region under it. */
  region?: string;
  page: number;
  pageSize: number;
}

/** A feed row: the report's public columns (never who reported it) and its cover photo. */
export interface FeedRow {
  id: string;
  ticket_no: string;
  category_code: string;
  region_code: string | null;
  latitude: number;
  longitude: number;
  address: string;
  description: string;
  privacy: 'public';
  status: string;
  state: 'open' | 'closed';
  agency_code: string;
  details: Record<string, string>;
  supports_count: number;
  rating: number | null;
  rating_comment: string | null;
  handoff_target: string | null;
  created_at: Date;
  updated_at: Date;
  due_at: Date;
  escalated_at: Date | null;
  cover_id: string | null;
}

const COLUMNS = `r.id, r.ticket_no, r.category_code, r.region_code, r.latitude, r.longitude, r.address, r.description, r.privacy,
       r.status, r.state, r.agency_code, r.details, r.supports_count, r.rating, r.rating_comment, r.handoff_target,
       r.created_at, r.updated_at, r.due_at, r.escalated_at`;

/**
 * The public feed as ONE statement (the page's reports and each one's first
 * photo), one page plus one row to tell whether there is more. One named
 * statement per combination of filters, so each keeps a plan that uses its
 * index (`reports_feed`, `reports_feed_category`); no tenant in the SQL: RLS
 * filters by `app.tenant_id`.
 */
export function feedStatement(q: FeedQuery): TenantRead {
  const values: unknown[] = [];
  const where = [`r.privacy = 'public'`];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (q.category) where.push(`r.category_code = ${param(q.category)}`);
  if (q.status) where.push(`r.status = ${param(q.status)}`);
  if (q.region) where.push(`(r.region_code = ${param(q.region)} OR r.region_code LIKE ${param(`${q.region}.%`)})`);
  const limit = param(q.pageSize + 1);
  const offset = param((q.page - 1) * q.pageSize);
  const name = `reports_feed_${q.category ? 'c' : ''}${q.status ? 's' : ''}${q.region ? 'r' : ''}`;
  const text = `SELECT ${COLUMNS},
       (SELECT p.id FROM report_photos p WHERE p.tenant_id = r.tenant_id AND p.report_id = r.id AND p.kind = 'report'
         ORDER BY p.uploaded_at, p.id LIMIT 1) AS cover_id
  FROM reports r
 WHERE ${where.join(' AND ')}
 ORDER BY r.created_at DESC, r.id DESC
 LIMIT ${limit} OFFSET ${offset}`;
  return { name, text, values };
}

/** A feed row as the report views take it; the columns the feed never reads (reporter, tokens, keys) are null. */
export function feedReport(row: FeedRow): Report {
  return {
    tenantId: '',
    id: row.id,
    ticketNo: row.ticket_no,
    categoryCode: row.category_code,
    regionCode: row.region_code,
    latitude: row.latitude,
    longitude: row.longitude,
    address: row.address,
    description: row.description,
    privacy: row.privacy,
    status: row.status,
    state: row.state,
    agencyCode: row.agency_code,
    reporterAccountId: null,
    reporterContact: null,
    trackingTokenHash: '',
    idempotencyKey: null,
    idempotencyFingerprint: null,
    details: row.details,
    supportsCount: row.supports_count,
    rating: row.rating,
    ratingComment: row.rating_comment,
    handoffTarget: row.handoff_target,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    dueAt: row.due_at,
    escalatedAt: row.escalated_at,
  };
}
