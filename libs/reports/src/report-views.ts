import { Locale, TenantConfig } from '@app/tenancy';
import { areaName } from './areas/area-choice';
import { Report, ReportEvent, ReportPhoto } from './entities';

const text = (t: { id: string; en?: string } | undefined, locale: Locale) => (t ? (t[locale] ?? t.id) : undefined);

/** Localized names of the codes a report carries, from the tenant's config. */
export function namesOf(config: TenantConfig, locale: Locale) {
  return {
    category: (code: string) => text(config.categories[code]?.name, locale) ?? code,
    status: (code: string) => text(config.workflow.statuses[code]?.name, locale) ?? code,
    agency: (code: string | null) => (code ? (config.agencies[code]?.name ?? code) : undefined),
    region: (code: string | null) => (code ? (areaName(config, code) ?? code) : undefined),
    handoff: (code: string | null) => (code ? (text(config.reports.handoffTargets[code]?.name, locale) ?? code) : undefined),
    action: (code: unknown) => (typeof code === 'string' ? (text(config.workflow.actions[code]?.name, locale) ?? code) : undefined),
  };
}

export function isOverdue(report: Report, now: Date): boolean {
  return report.state === 'open' && report.dueAt.getTime() < now.getTime();
}

/**
 * A report as anyone but its reporter may see it: never the reporter's
 * account or contact (officers included: a 2021 incident exposed an
 * anonymous reporter). Photo URLs only; bytes are served by access check.
 */
export function reportView(config: TenantConfig, locale: Locale, report: Report, now: Date, photos: ReportPhoto[] = []) {
  const names = namesOf(config, locale);
  return {
    ticket: report.ticketNo,
    category: { code: report.categoryCode, name: names.category(report.categoryCode) },
    status: { code: report.status, name: names.status(report.status), state: report.state },
    agency: { code: report.agencyCode, name: names.agency(report.agencyCode) },
    region: report.regionCode ? { code: report.regionCode, name: names.region(report.regionCode) } : null,
    location: { latitude: report.latitude, longitude: report.longitude, address: report.address },
    description: report.description,
    privacy: report.privacy,
    details: report.details,
    supports: report.supportsCount,
    rating: report.rating,
    ratingComment: report.ratingComment,
    handoff: report.handoffTarget ? { code: report.handoffTarget, name: names.handoff(report.handoffTarget) } : null,
    overdue: isOverdue(report, now),
    escalated: report.escalatedAt !== null,
    createdAt: report.createdAt.toISOString(),
    updatedAt: report.updatedAt.toISOString(),
    dueAt: report.dueAt.toISOString(),
    photos: photos.map((p) => ({
      id: p.id,
      kind: p.kind,
      url: `/laporan/foto/${p.id}`,
      width: p.width,
      height: p.height,
      uploadedAt: p.uploadedAt.toISOString(),
    })),
  };
}

/** The timeline in the reader's language: what happened, who (by role, never by name of a citizen), where it went. */
export function timelineView(config: TenantConfig, locale: Locale, events: ReportEvent[]) {
  const names = namesOf(config, locale);
  return events.map((e) => ({
    kind: e.kind,
    at: e.createdAt.toISOString(),
    actorRole: e.actorRole,
    action: names.action(e.data.action),
    from: e.fromStatus ? names.status(e.fromStatus) : undefined,
    to: e.toStatus ? names.status(e.toStatus) : undefined,
    agency: names.agency(e.agencyCode),
    fromAgency: names.agency((e.data.fromAgency as string | undefined) ?? null),
    handoff: names.handoff((e.data.handoffTarget as string | undefined) ?? null),
    rule: e.data.rule as string | undefined,
    rating: e.data.rating as number | undefined,
    note: e.note ?? undefined,
  }));
}
