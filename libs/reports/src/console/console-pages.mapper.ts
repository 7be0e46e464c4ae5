import { Injectable } from '@nestjs/common';
import { AccountView } from '@app/accounts';
import { Clock } from '@app/config';
import { Locale, nearbyRadiusOf, reportMapOf, TenantContext, WorkflowAction } from '@app/tenancy';
import { ViewEngine } from '@app/views';
import { Report } from '../entities';
import { DuplicateCandidate, EvidenceWarning, QueueFilters } from '../report-actions.service';
import { BulkOutcome } from './bulk-disposition.service';
import { ReportError } from '../report-error';
import { ReportsService } from '../reports.service';
import { queryOf } from '../pages/page-format';
import { errorsByField, FormError, formErrorsOf } from '../pages/report-form-errors';
import { categoryGroups, regionGroups, reportPageView, statusOptions, timelineEntries } from '../pages/report-page-views';

/** A status's colour: its place in the tenant's workflow, so each status has its own badge (with its name as text). */
export function statusTone(config: { workflow: { statuses: Record<string, unknown> } }, status: string): number {
  return Math.max(0, Object.keys(config.workflow.statuses).indexOf(status)) % 9;
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

const DAY_MS = 86_400_000;

function relativeDays(locale: Locale, at: Date, now: Date): string {
  const rtf = new Intl.RelativeTimeFormat(locale === 'id' ? 'id' : 'en', { numeric: 'auto' });
  const hours = Math.round((at.getTime() - now.getTime()) / 3_600_000);
  return Math.abs(hours) < 24 ? rtf.format(hours, 'hour') : rtf.format(Math.round(hours / 24), 'day');
}

/** "2 hari lagi" before the deadline, "terlambat 3 hari" after it. */
function slaText(t: (key: string, params?: Record<string, unknown>) => string, due: Date, now: Date): { text: string; late: boolean } {
  const days = Math.ceil(Math.abs(due.getTime() - now.getTime()) / DAY_MS);
  const late = due.getTime() < now.getTime();
  return { text: t(late ? 'reports.console.slaLate' : 'reports.console.slaLeft', { days }), late };
}

/** A refusal that names the report's status, by the status's name. */
function withStatusName(error: ReportError, name: (code?: string) => string): ReportError {
  const status = error.params.status;
  return typeof status === 'string' ? new ReportError(error.code, { ...error.params, status: name(status) }, error.field) : error;
}

/** Which input of an action's form an error points at. */
const ACTION_FIELD: Record<string, string> = { form: 'action', photos: 'after', evidence: 'after' };

/**
 * View models of the officers' and validators' console. A private report's
 * content is shown to the staff who handle it, but never who reported it:
 * the report view carries no reporter account or contact.
 */
@Injectable()
export class ConsolePagesMapper {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  queue(
    locale: Locale,
    account: AccountView,
    filters: QueueFilters & { page: number; state: 'open' | 'closed' },
    result: { items: Report[]; hasMore: boolean },
    thumbnails = new Map<string, string>(),
    duplicates = new Set<string>(),
    bulkActions: [string, WorkflowAction][] = [],
  ) {
    const { config } = this.context.tenant;
    const now = this.clock.now();
    const link = (page: number) =>
      `/konsol/laporan${queryOf({ ...filters, state: filters.state === 'open' ? undefined : filters.state, page: page > 1 ? page : undefined })}`;
    return {
      title: this.text(locale, 'reports.console.title'),
      agency: account.agencyCode ? (config.agencies[account.agencyCode]?.name ?? account.agencyCode) : null,
      filters: {
        statuses: statusOptions(config, locale, filters.status),
        categoryGroups: categoryGroups(config, locale, (key) => this.text(locale, key), filters.category),
        regions: regionGroups(config, filters.region),
        open: filters.state === 'open',
        closed: filters.state === 'closed',
      },
      items: result.items.map((r) => {
        const view = reportPageView(config, locale, r, now);
        const thumbnail = thumbnails.get(r.id);
        return {
          ...view,
          href: `/konsol/laporan/${encodeURIComponent(r.ticketNo)}`,
          status: { ...view.status, tone: statusTone(config, r.status) },
          thumbnail: thumbnail ? `/laporan/foto/${thumbnail}` : null,
          excerpt: excerpt(r.description, 140),
          likelyDuplicate: duplicates.has(r.id),
          age: this.text(locale, 'reports.console.age', { time: relativeDays(locale, r.createdAt, now) }),
          sla: r.state === 'open' ? slaText((key, params) => this.text(locale, key, params), r.dueAt, now) : null,
        };
      }),
      pagination: {
        page: filters.page,
        prev: filters.page > 1 ? link(filters.page - 1) : null,
        next: result.hasMore ? link(filters.page + 1) : null,
      },
      bulk: filters.state === 'open' && bulkActions.length && result.items.length ? this.bulkForm(locale, bulkActions) : null,
      exportHref: `/konsol/ekspor.csv${queryOf({ status: filters.status, category: filters.category, region: filters.region, state: filters.state === 'open' ? undefined : filters.state })}`,
      mapHref: '/konsol/peta',
    };
  }

  /** The bulk disposition form under the queue: the role's actions (no evidence ones), and the inputs some of them need. */
  private bulkForm(locale: Locale, actions: [string, WorkflowAction][]) {
    const { config } = this.context.tenant;
    const kinds = new Set(actions.map(([, a]) => a.kind));
    return {
      actions: actions.map(([code, a]) => ({
        code,
        name: a.name[locale] ?? a.name.id,
        to: config.workflow.statuses[a.to]?.name[locale] ?? a.to,
      })),
      needsAgency: kinds.has('reroute') || kinds.has('dispose'),
      agencies: Object.entries(config.agencies).map(([code, a]) => ({ code, name: a.name })),
      needsHandoff: kinds.has('handoff'),
      handoffTargets: Object.entries(config.reports.handoffTargets).map(([code, t]) => ({ code, name: t.name[locale] ?? t.name.id })),
    };
  }

  /** Every ticked report's outcome: done (its new status), or the single action's own refusal in the reader's language. */
  bulkResult(locale: Locale, action: string, outcomes: BulkOutcome[]) {
    const { config } = this.context.tenant;
    const statusName = (code?: string) => (code ? (config.workflow.statuses[code]?.name[locale] ?? code) : '');
    const done = outcomes.filter((o) => o.ok).length;
    return {
      title: this.text(locale, 'consoles.bulk.title'),
      action: config.workflow.actions[action]?.name[locale] ?? action,
      summary: this.text(locale, 'consoles.bulk.summary', { total: outcomes.length, done, refused: outcomes.length - done }),
      allDone: done === outcomes.length,
      outcomes: outcomes.map((o) => ({
        ticket: o.ticket,
        href: o.ok && o.forwarded ? null : `/konsol/laporan/${encodeURIComponent(o.ticket)}`,
        ok: o.ok,
        detail: o.ok
          ? this.text(locale, o.forwarded ? 'consoles.bulk.forwarded' : 'consoles.bulk.nowStatus', { status: statusName(o.status) })
          : formErrorsOf(this.views, this.context.tenant, locale, withStatusName(o.error!, statusName))
              .map((e) => e.message)
              .join(' '),
      })),
    };
  }

  /** The map page: pins from the list's data attributes; the list is the map's text alternative and its fallback. */
  map(locale: Locale, reports: Report[]) {
    const { config } = this.context.tenant;
    const now = this.clock.now();
    const tiles = reportMapOf(config.reports);
    const { south, west, north, east } = config.area;
    return {
      title: this.text(locale, 'consoles.map.title'),
      map: reports.length
        ? { tiles: tiles.tiles, attribution: tiles.attribution, maxZoom: tiles.maxZoom, bounds: [south, west, north, east].join(',') }
        : null,
      items: reports.map((r) => {
        const view = reportPageView(config, locale, r, now);
        return {
          ...view,
          href: `/konsol/laporan/${encodeURIComponent(r.ticketNo)}`,
          status: { ...view.status, tone: statusTone(config, r.status) },
          label: `${r.ticketNo} · ${view.category.name}${view.overdue ? ` · ${this.text(locale, 'reports.overdue')}` : ''}`,
          sla: slaText((key, params) => this.text(locale, key, params), r.dueAt, now),
        };
      }),
      count: reports.length,
    };
  }

  csvHeader(locale: Locale, column: string): string {
    return this.text(locale, `consoles.export.columns.${column}`);
  }

  bulkRefused(locale: Locale, reason: 'noneSelected' | 'noAction') {
    return { title: this.text(locale, 'consoles.bulk.title'), refusal: this.text(locale, `consoles.bulk.${reason}`), outcomes: [] };
  }

  async detail(
    locale: Locale,
    report: Report,
    actions: [string, WorkflowAction][],
    warnings: EvidenceWarning[],
    notice: { done?: string; errors?: FormError[]; failedAction?: string; duplicates?: DuplicateCandidate[] } = {},
  ) {
    const { config } = this.context.tenant;
    const [photos, events] = await Promise.all([this.reports.photos(report), this.reports.timeline(report)]);
    const view = reportPageView(config, locale, report, this.clock.now(), photos);
    const byPhoto = new Map(warnings.map((w) => [w.photoId, w.matches]));
    const warningOf = (id: string) =>
      (byPhoto.get(id) ?? []).map((m) => ({
        ticket: m.ticketNo,
        url: `/konsol/laporan/${encodeURIComponent(m.ticketNo)}`,
        exact: m.exact,
      }));
    const agencies = Object.entries(config.agencies);
    const errors = notice.errors ?? [];
    const forms = actions.map(([code, action]) => {
      const options =
        action.kind === 'reroute'
          ? agencies.filter(([c]) => c !== report.agencyCode).map(([c, a]) => ({ code: c, name: a.name }))
          : action.kind === 'dispose'
            ? agencies.filter(([, a]) => a.parent === report.agencyCode).map(([c, a]) => ({ code: c, name: a.name }))
            : [];
      return {
        code,
        kind: action.kind,
        name: action.name[locale] ?? action.name.id,
        to: config.workflow.statuses[action.to]?.name[locale] ?? action.to,
        id: `action-${code}`,
        needsAgency: action.kind === 'reroute' || action.kind === 'dispose',
        agencies: options,
        unavailable: (action.kind === 'reroute' || action.kind === 'dispose') && options.length === 0,
        needsHandoff: action.kind === 'handoff',
        handoffTargets: Object.entries(config.reports.handoffTargets).map(([c, t]) => ({ code: c, name: t.name[locale] ?? t.name.id })),
        needsNote: ['reject', 'reject-follow-up', 'handoff'].includes(action.kind),
        allowsNote: true,
        needsEvidence: action.kind === 'follow-up',
        multipart: action.kind === 'follow-up',
        failed: notice.failedAction === code,
      };
    });
    return {
      title: `${this.text(locale, 'reports.console.report')} ${report.ticketNo}`,
      report: {
        ...view,
        reportPhotos: view.reportPhotos.map((p) => ({ ...p, warnings: warningOf(p.id) })),
        beforePhotos: view.beforePhotos.map((p) => ({ ...p, warnings: warningOf(p.id) })),
        afterPhotos: view.afterPhotos.map((p) => ({ ...p, warnings: warningOf(p.id) })),
        timeline: timelineEntries(config, locale, events),
      },
      warnings: warnings.length > 0,
      duplicates: notice.duplicates?.length
        ? {
            radius: nearbyRadiusOf(config.reports),
            items: notice.duplicates.map((d) => ({
              ticket: d.ticketNo,
              distanceMeters: d.distanceMeters,
              url: d.handled
                ? `/konsol/laporan/${encodeURIComponent(d.ticketNo)}`
                : d.public
                  ? `/laporan/publik/${encodeURIComponent(d.ticketNo)}`
                  : null,
            })),
          }
        : null,
      actions: forms,
      maxPhotos: config.reports.photos.maxCount,
      done: notice.done ? (config.workflow.actions[notice.done]?.name[locale] ?? null) : null,
      errors,
      errorOf: errorsByField(errors),
    };
  }

  /**
   * The confirmation after a report left the officer's reach. The query is
   * only echoed through the tenant's config (an unknown agency or action shows
   * nothing), so a crafted link cannot make the page say anything else.
   */
  forwarded(locale: Locale, query: { tiket?: string; aksi?: string; ke?: string }) {
    const { config } = this.context.tenant;
    const ticket = typeof query.tiket === 'string' && /^[A-Z0-9-]{1,40}$/.test(query.tiket) ? query.tiket : null;
    const action =
      typeof query.aksi === 'string' && Object.hasOwn(config.workflow.actions, query.aksi) ? config.workflow.actions[query.aksi] : null;
    const agency = typeof query.ke === 'string' && Object.hasOwn(config.agencies, query.ke) ? config.agencies[query.ke].name : null;
    return {
      title: this.text(locale, 'reports.console.forwarded.title'),
      ticket,
      agency,
      action: action ? (action.name[locale] ?? action.name.id) : null,
      status: action ? (config.workflow.statuses[action.to]?.name[locale] ?? null) : null,
    };
  }

  formErrors(locale: Locale, error: ReportError, action: string): FormError[] {
    // Each action has its own form: the summary links to the failing input of that form.
    return formErrorsOf(this.views, this.context.tenant, locale, error).map((e) => ({
      ...e,
      field: `${ACTION_FIELD[e.field] ?? e.field}-${action}`,
    }));
  }

  private text(locale: Locale, key: string, params?: Record<string, unknown>): string {
    return this.views.text(this.context.tenant, locale, key, params);
  }
}
