import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';

export interface DashboardStats {
  /** Reports submitted in the window, per current status. */
  byStatus: { status: string; count: number }[];
  /** Open reports past their due time, now (whenever submitted). */
  overdue: number;
  /** Reports submitted in the window, per agency now holding them: total, still open, overdue. */
  byAgency: { agency: string; total: number; open: number; overdue: number }[];
  /** Median hours from submission to the accept action (Selesai), over accepts in the window; null without any. */
  medianHoursToDone: number | null;
  /** Accept actions counted for the median. */
  doneCount: number;
}

/** The admin dashboard's aggregate queries, in one tenant transaction (RLS filters every table). */
@Injectable()
export class ReportStatsRepository {
  constructor(private readonly db: TenantDatabase) {}

  dashboard(since: Date, now: Date, acceptActions: string[]): Promise<DashboardStats> {
    return this.db.transaction(async (m) => {
      const byStatus = await m.query<{ status: string; count: number }[]>(
        `SELECT status, count(*)::int AS count FROM reports WHERE created_at >= $1 GROUP BY status ORDER BY count DESC, status`,
        [since],
      );
      const [{ overdue }] = await m.query<{ overdue: number }[]>(
        `SELECT count(*)::int AS overdue FROM reports WHERE state = 'open' AND due_at < $1`,
        [now],
      );
      const byAgency = await m.query<DashboardStats['byAgency']>(
        `SELECT agency_code AS agency, count(*)::int AS total,
                count(*) FILTER (WHERE state = 'open')::int AS open,
                count(*) FILTER (WHERE state = 'open' AND due_at < $2)::int AS overdue
           FROM reports WHERE created_at >= $1 GROUP BY agency_code ORDER BY total DESC, agency_code`,
        [since, now],
      );
      // Time to Selesai: from submission to the first accept action, for accepts that happened in the window.
      const [median] = await m.query<{ hours: number | null; n: number }[]>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (done.at - r.created_at)) / 3600.0) AS hours, count(*)::int AS n
           FROM (SELECT e.report_id, min(e.created_at) AS at FROM report_events e
                  WHERE e.kind = 'action' AND e.data->>'action' = ANY($2::text[]) GROUP BY e.report_id) done
           JOIN reports r ON r.id = done.report_id
          WHERE done.at >= $1`,
        [since, acceptActions],
      );
      return {
        byStatus,
        overdue,
        byAgency,
        medianHoursToDone: median?.hours === null || median?.hours === undefined ? null : Math.round(Number(median.hours) * 10) / 10,
        doneCount: median?.n ?? 0,
      };
    });
  }
}
