import { Injectable } from '@nestjs/common';
import { Locale, nearbyRadiusOf, TenantContext } from '@app/tenancy';
import { Report } from '../entities';
import { NearbyHit, ReportRepository } from '../report.repository';
import { namesOf } from '../report-views';

/** What a citizen sees of a similar report before filing: public facts only, never who reported it. */
export interface SimilarReportView {
  ticket: string;
  category: string;
  status: string;
  description: string;
  distanceMeters: number;
  supports: number;
  createdAt: string;
  url: string;
}

const SHOWN = 5;
const EXCERPT = 140;

/**
 * Similar reports nearby (as FixMyStreet does): before filing, the citizen
 * sees open public reports of the same category within the tenant's radius
 * and can support one instead; officers see reports that close to each other
 * flagged as likely duplicates. RLS keeps every query inside the tenant.
 */
@Injectable()
export class NearbyReportsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly context: TenantContext,
  ) {}

  get radiusMeters(): number {
    return nearbyRadiusOf(this.context.tenant.config.reports);
  }

  /** Open public reports of the category near the point (an unknown category has none). */
  async similar(category: string, latitude: number, longitude: number, locale: Locale): Promise<SimilarReportView[]> {
    const { config } = this.context.tenant;
    if (!Object.hasOwn(config.categories, category)) return [];
    const hits = await this.reports.nearby({
      category,
      latitude,
      longitude,
      radiusMeters: this.radiusMeters,
      publicOnly: true,
      limit: SHOWN,
    });
    const names = namesOf(config, locale);
    return hits.map(({ report, distanceMeters }) => ({
      ticket: report.ticketNo,
      category: names.category(report.categoryCode),
      status: names.status(report.status),
      description: report.description.length > EXCERPT ? `${report.description.slice(0, EXCERPT - 1)}…` : report.description,
      distanceMeters,
      supports: report.supportsCount,
      createdAt: report.createdAt.toISOString(),
      url: `/laporan/publik/${encodeURIComponent(report.ticketNo)}`,
    }));
  }

  /** Other open reports of the same category near this one, public or not: the officer's duplicate candidates. */
  candidatesFor(report: Report): Promise<NearbyHit[]> {
    if (report.state !== 'open') return Promise.resolve([]);
    return this.reports.nearby({
      category: report.categoryCode,
      latitude: report.latitude,
      longitude: report.longitude,
      radiusMeters: this.radiusMeters,
      publicOnly: false,
      excludeId: report.id,
      limit: 10,
    });
  }

  /** The reports of a queue page that have a likely duplicate. */
  flagged(reports: Report[]): Promise<Set<string>> {
    return this.reports.withNearbyTwins(
      reports.filter((r) => r.state === 'open').map((r) => r.id),
      this.radiusMeters,
    );
  }
}
