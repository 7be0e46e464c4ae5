import { Injectable, Optional } from '@nestjs/common';
import { Clock } from '@app/config';
import { PlatformMetrics } from '@app/observability';
import { TenantContext } from '@app/tenancy';
import { ReportActionRequest } from './dto/report-action';
import { Report } from './entities';
import { NEAR_IDENTICAL_BITS } from '@app/media';
import { inspectReportPhoto } from './photos/report-media';
import { ReportEvents } from './events/report-events';
import { EvidenceMatch, NewEvent, NewPhoto, ReportRepository } from './report.repository';
import { ReportError, ReportErrorCode } from './report-error';
import { ReportsService, UploadedPhoto } from './reports.service';
import { Actor } from './workflow/actor';
import { NearbyReportsService } from './nearby/nearby-reports.service';
import { availableActions, canHandle, checkAction } from './workflow/report-workflow';

/** Pins on the console's map: more than this is a list's job. */
export const MAP_MAX = 500;
const EXPORT_BATCH = 500;

export interface EvidenceUpload {
  before: UploadedPhoto[];
  after: UploadedPhoto[];
}

export interface QueueFilters {
  status?: string;
  category?: string;
  region?: string;
  state?: 'open' | 'closed';
  page?: number;
}

/** Another open report of the same category near this one; `handled`: the actor may open it in the console. */
export interface DuplicateCandidate {
  ticketNo: string;
  distanceMeters: number;
  handled: boolean;
  public: boolean;
}

export interface EvidenceWarning {
  photoId: string;
  matches: EvidenceMatch[];
}

/** The officers' and validators' side: their queue, a report's detail, and the workflow's actions. */
@Injectable()
export class ReportActionsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly citizen: ReportsService,
    private readonly context: TenantContext,
    private readonly clock: Clock,
    private readonly events: ReportEvents,
    private readonly nearby: NearbyReportsService,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {}

  /** The reports of the actor's agency (and its branches), overdue open ones first. */
  queue(actor: Actor, filters: QueueFilters) {
    return this.reports.queue({ ...this.scope(actor, filters), page: Math.max(1, filters.page ?? 1), pageSize: 25, now: this.clock.now() });
  }

  /** The open reports of the actor's agency for its map, overdue first (at most MAP_MAX). */
  mapReports(actor: Actor): Promise<Report[]> {
    return this.reports
      .queue({ ...this.scope(actor, { state: 'open' }), page: 1, pageSize: MAP_MAX, now: this.clock.now() })
      .then((r) => r.items);
  }

  /**
   * Every report of the queue's filters (all pages), in batches, for a CSV
   * export. Each batch is read in its own tenant transaction, re-entering the
   * tenant's context: the stream is pulled after the handler has returned.
   */
  async *exportReports(actor: Actor, filters: QueueFilters): AsyncGenerator<Report[]> {
    const tenant = this.context.tenant;
    const scope = this.scope(actor, filters);
    let after: Report | null = null;
    for (;;) {
      const last: Report | null = after;
      const batch: Report[] = await this.context.run(tenant, (): Promise<Report[]> => this.reports.exportBatch(scope, last, EXPORT_BATCH));
      if (batch.length === 0) return;
      yield batch;
      if (batch.length < EXPORT_BATCH) return;
      after = batch[batch.length - 1];
    }
  }

  /** Which reports an actor's queue holds: their agency and its branches, within their region; admins see all. */
  private scope(actor: Actor, filters: QueueFilters) {
    const { config } = this.context.tenant;
    if (actor.role === 'citizen') throw new ReportError(ReportErrorCode.ActionNotAllowed);
    const agencies =
      actor.agencyCode && actor.role !== 'admin'
        ? [
            actor.agencyCode,
            ...Object.entries(config.agencies)
              .filter(([, a]) => a.parent === actor.agencyCode)
              .map(([code]) => code),
          ]
        : null;
    const region =
      actor.regionCode && (!filters.region || !filters.region.startsWith(actor.regionCode)) ? actor.regionCode : filters.region;
    return { agencies, region, status: filters.status, category: filters.category, state: filters.state ?? 'open' };
  }

  /** The first photo of each report (id), for thumbnails in the queue. */
  thumbnails(reports: Report[]): Promise<Map<string, string>> {
    return this.reports.firstPhotos(reports.map((r) => r.id));
  }

  /** The reports of a queue page that have another open report of the same category within the tenant's radius. */
  likelyDuplicates(reports: Report[]): Promise<Set<string>> {
    return this.nearby.flagged(reports);
  }

  /** Open reports of the same category near this one: likely duplicates, linked where the actor may open them. */
  async duplicateCandidates(actor: Actor, report: Report): Promise<DuplicateCandidate[]> {
    return (await this.nearby.candidatesFor(report)).map(({ report: other, distanceMeters }) => ({
      ticketNo: other.ticketNo,
      distanceMeters,
      handled: this.handles(actor, other),
      public: other.privacy === 'public',
    }));
  }

  /**
   * Where a role starts, derived from the workflow: the status most of its
   * actions work from (validators: Menunggu Validasi, with accept and reject);
   * none when no status stands out (officers act on many).
   */
  landingStatus(role: string): string | undefined {
    const count = new Map<string, number>();
    for (const action of Object.values(this.context.tenant.config.workflow.actions)) {
      if (action.roles.includes(role as never)) for (const s of action.from) count.set(s, (count.get(s) ?? 0) + 1);
    }
    const [first, second] = [...count.entries()].sort((a, b) => b[1] - a[1]);
    return first && (!second || first[1] > second[1]) ? first[0] : undefined;
  }

  /** A report the actor handles; otherwise it does not exist for them. */
  async find(actor: Actor, ticketNo: string): Promise<Report> {
    const report = await this.reports.findByTicket(ticketNo);
    if (!report || !canHandle(this.context.tenant.config, actor, report)) throw new ReportError(ReportErrorCode.NotFound);
    return report;
  }

  /** Whether the report is (still) in the actor's reach. */
  handles(actor: Actor, report: Report): boolean {
    return canHandle(this.context.tenant.config, actor, report);
  }

  actionsFor(actor: Actor, report: Report) {
    return availableActions(this.context.tenant.config, actor, report);
  }

  /** For each evidence photo of the report: other reports' photos that are the same file or the same picture. */
  async evidenceWarnings(report: Report): Promise<EvidenceWarning[]> {
    const photos = (await this.reports.photos(report.id)).filter((p) => p.kind !== 'report');
    const warnings: EvidenceWarning[] = [];
    for (const photo of photos) {
      const matches = await this.reports.evidenceMatches(report.id, photo.sha256, photo.phash, NEAR_IDENTICAL_BITS);
      if (matches.length) warnings.push({ photoId: photo.id, matches });
    }
    return warnings;
  }

  /** Applies a workflow action, recording it (and any re-routing or evidence) in the timeline. */
  async act(
    actor: Actor,
    ticketNo: string,
    request: ReportActionRequest,
    evidence: EvidenceUpload = { before: [], after: [] },
  ): Promise<Report> {
    const { slug, config } = this.context.tenant;
    const report = await this.find(actor, ticketNo);
    const action = checkAction(config, actor, report, request.action, {
      note: request.note,
      agency: request.agency,
      handoffTarget: request.handoffTarget,
      evidence: { before: evidence.before.length, after: evidence.after.length },
    });
    const now = this.clock.now();
    const photos: NewPhoto[] = [];
    if (action.kind === 'follow-up') {
      const max = config.reports.photos.maxCount;
      if (evidence.before.length > max || evidence.after.length > max)
        throw new ReportError(ReportErrorCode.TooManyPhotos, { max }, 'evidence');
      const limit = config.reports.photos.maxMb * 1_048_576;
      for (const [kind, list] of [
        ['before', evidence.before],
        ['after', evidence.after],
      ] as const) {
        for (const upload of list)
          photos.push(await this.citizen.store(slug, report.id, kind, await inspectReportPhoto(upload.data, limit), now));
      }
    }
    const changes: Partial<Report> = { status: action.to, state: config.workflow.statuses[action.to].state, updatedAt: now };
    if (action.kind === 'reroute' || action.kind === 'dispose') changes.agencyCode = request.agency!;
    if (action.kind === 'handoff') changes.handoffTarget = request.handoffTarget!;
    const event: NewEvent = {
      kind: 'action',
      fromStatus: report.status,
      toStatus: action.to,
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      agencyCode: changes.agencyCode ?? null,
      note: request.note?.trim() || null,
      createdAt: now,
      data: {
        action: request.action,
        ...(changes.agencyCode ? { fromAgency: report.agencyCode } : {}),
        ...(request.handoffTarget ? { handoffTarget: request.handoffTarget } : {}),
        ...(photos.length ? { evidence: photos.map((p) => ({ id: p.id, kind: p.kind })) } : {}),
      },
    };
    const updated = await this.reports.update(report, report.status, changes, [event], photos);
    // Someone else acted first; the report is no longer in the state the action was checked against.
    if (!updated) throw new ReportError(ReportErrorCode.InvalidTransition, { status: report.status });
    if (report.state !== 'closed' && changes.state === 'closed') this.metrics?.reportClosed(slug);
    if (updated.status !== report.status)
      await this.events.statusChanged({ report: updated, fromStatus: report.status, toStatus: updated.status });
    return updated;
  }
}
