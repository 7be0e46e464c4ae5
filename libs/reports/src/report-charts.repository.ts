import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';

export interface DashboardCharts {
  /** Reports submitted per week of the window (0 = the most recent 7 days), by their status now. */
  statusByWeek: { week: number; status: string; count: number }[];
  /** The same weeks by category. */
  categoryByWeek: { week: number; category: string; count: number }[];
  /** Per agency now holding them: reports of the window, and those closed by their due time or still open and not yet due. */
  slaByAgency: { agency: string; total: number; withinSla: number }[];
  /** Median hours a report stayed in a status before an action moved it on, per agency and status, over actions in the window. */
  stageMedians: { agency: string; status: string; hours: number; n: number }[];
  /** The open reports furthest past their due time. */
  mostOverdue: { ticket: string; category: string; agency: string; status: string; dueAt: Date }[];
}

const WEEK_SECONDS = 7 * 24 * 3600;

/** The dashboard charts' aggregate queries, in one tenant transaction (RLS filters every table). */
@Injectable()
export class ReportChartsRepository {
  constructor(private readonly db: TenantDatabase) {}

  charts(since: Date, now: Date, closedStatuses: string[], overdueLimit: number): Promise<DashboardCharts> {
    return this.db.transaction(async (m) => {
      const week = `floor(extract(epoch FROM ($2::timestamptz - created_at)) / ${WEEK_SECONDS})::int`;
      const statusByWeek = await m.query<DashboardCharts['statusByWeek']>(
        `SELECT ${week} AS week, status, count(*)::int AS count FROM reports WHERE created_at >= $1 AND created_at <= $2 GROUP BY 1, 2`,
        [since, now],
      );
      const categoryByWeek = await m.query<DashboardCharts['categoryByWeek']>(
        `SELECT ${week} AS week, category_code AS category, count(*)::int AS count FROM reports WHERE created_at >= $1 AND created_at <= $2 GROUP BY 1, 2`,
        [since, now],
      );
      // Closed in time: the first event that reached a closed status came before the due time.
      const slaByAgency = await m.query<DashboardCharts['slaByAgency']>(
        `SELECT r.agency_code AS agency, count(*)::int AS total,
                count(*) FILTER (WHERE (r.state = 'open' AND r.due_at >= $2) OR (r.state = 'closed' AND closed.at <= r.due_at))::int AS "withinSla"
           FROM reports r
           LEFT JOIN LATERAL (SELECT min(e.created_at) AS at FROM report_events e WHERE e.report_id = r.id AND e.to_status = ANY($3::text[])) closed ON true
          WHERE r.created_at >= $1
          GROUP BY r.agency_code ORDER BY total DESC, r.agency_code`,
        [since, now, closedStatuses],
      );
      // Time in a status: from the event that set it (submission or an action) to the action that moved the report on.
      const stageMedians = await m.query<{ agency: string; status: string; hours: string | number; n: number }[]>(
        `SELECT r.agency_code AS agency, s.from_status AS status,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (s.created_at - s.entered)) / 3600.0) AS hours, count(*)::int AS n
           FROM (SELECT e.report_id, e.kind, e.from_status, e.created_at,
                        lag(e.created_at) OVER (PARTITION BY e.report_id ORDER BY e.created_at, e.seq) AS entered
                   FROM report_events e WHERE e.kind IN ('submitted', 'action')) s
           JOIN reports r ON r.id = s.report_id
          WHERE s.kind = 'action' AND s.entered IS NOT NULL AND s.from_status IS NOT NULL AND s.created_at >= $1
          GROUP BY 1, 2 ORDER BY 1, 2`,
        [since],
      );
      const mostOverdue = await m.query<DashboardCharts['mostOverdue']>(
        `SELECT ticket_no AS ticket, category_code AS category, agency_code AS agency, status, due_at AS "dueAt"
           FROM reports WHERE state = 'open' AND due_at < $1 ORDER BY due_at ASC, id LIMIT $2`,
        [now, overdueLimit],
      );
      return {
        statusByWeek,
        categoryByWeek,
        slaByAgency,
        mostOverdue,
        stageMedians: stageMedians.map((s) => ({ ...s, hours: Math.round(Number(s.hours) * 10) / 10 })),
      };
    });
  }
}
