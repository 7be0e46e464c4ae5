import { Injectable, Optional } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Clock, localDay } from '@app/config';
import { ServerKeys } from '@app/security';
import { PlatformMetrics } from '@app/observability';
import { CategoryConfig, TenantConfig, TenantContext } from '@app/tenancy';
import { SubmitReport } from './dto/submit-report';
import { Report } from './entities';
import { ReportEvents } from './events/report-events';
import { idempotencyFingerprint } from './idempotency-scope';
import { InspectedPhoto, MediaStorage } from '@app/media';
import { inspectReportPhoto, photoKey } from './photos/report-media';
import { FeedQuery, NewPhoto, ReportRepository, ReportSearch, ReportSearchHit } from './report.repository';
import { ReportError, ReportErrorCode } from './report-error';
import { insideArea, locateRegion, regionWithin, routeReport } from './routing/report-router';
import { isTenantArea } from './areas/area-choice';
import { formatTicketNumber } from './tickets/ticket-number';

export type { ReportSearch, ReportSearchHit } from './report.repository';

export interface UploadedPhoto {
  data: Buffer;
}

export interface SubmitOptions {
  /** The signed-in citizen, or null for an anonymous report. */
  reporterAccountId: string | null;
  /**
   * Who is signed in, whatever the role (staff submit anonymous reports): an
   * Idempotency-Key answers only the account that used it first. Defaults to
   * `reporterAccountId`.
   */
  submitterAccountId?: string | null;
  idempotencyKey?: string;
  photos: UploadedPhoto[];
  /** Open311 carries no files (only media_url), so it alone may submit without a photo. */
  photoRequired: boolean;
  channel: 'portal' | 'api' | 'open311';
  /**
   * The tracking token, when the caller derives it (the web form derives it
   * from its per-form secret, so a double-submit can show it again); random otherwise.
   */
  trackingToken?: string;
  /** Open311's `media_url`: a link to a photo hosted elsewhere, kept as given in `details.media_url`, never fetched. */
  mediaUrl?: string;
}

export interface Submitted {
  report: Report;
  /** Shown once, to an anonymous reporter: with the ticket number it lets them follow the report. */
  trackingToken: string | null;
  /** True when the Idempotency-Key matched an earlier submission (same submitter, same request), which is returned instead. */
  replayed: boolean;
}

const DAY_MS = 86_400_000;

/** The citizen's side of reports: submit, follow, support, rate, and the public feed. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly storage: MediaStorage,
    private readonly context: TenantContext,
    private readonly clock: Clock,
    private readonly keys: ServerKeys,
    private readonly events: ReportEvents,
    @Optional() private readonly metrics?: PlatformMetrics,
  ) {}

  async submit(input: SubmitReport, options: SubmitOptions): Promise<Submitted> {
    const { slug, config } = this.context.tenant;
    const fingerprint = options.idempotencyKey
      ? idempotencyFingerprint({
          channel: options.channel,
          submitterAccountId: options.submitterAccountId ?? options.reporterAccountId,
          input,
          mediaUrl: options.mediaUrl,
          photos: options.photos,
        })
      : null;
    if (options.idempotencyKey) {
      const earlier = await this.reports.findByIdempotencyKey(options.idempotencyKey);
      if (earlier) return this.replay(earlier, options, fingerprint!);
    }
    const { category, region, details, photos } = await this.check(config, input, options);
    if (options.mediaUrl) details.media_url = options.mediaUrl;
    const description = input.description.trim();
    const route = routeReport(config, input.category, region);
    if (!route) throw new ReportError(ReportErrorCode.Unroutable, {}, 'category');

    const now = this.clock.now();
    const id = randomUUID();
    const trackingToken =
      options.trackingToken ??
      (fingerprint ? this.replayableToken(options.idempotencyKey!, fingerprint) : randomBytes(18).toString('base64url'));
    const stored: NewPhoto[] = [];
    // Files first: a failed transaction leaves an unreferenced file, never a report pointing at a missing one.
    for (const photo of photos) stored.push(await this.store(slug, id, 'report', photo, now));
    const actorRole = options.reporterAccountId ? 'citizen' : 'anonymous';
    try {
      const report = await this.reports.create(
        {
          id,
          categoryCode: input.category,
          regionCode: region,
          latitude: input.latitude,
          longitude: input.longitude,
          address: input.address?.trim() ?? '',
          description,
          privacy: input.privacy ?? category.privacy,
          status: config.workflow.initial,
          state: config.workflow.statuses[config.workflow.initial].state,
          agencyCode: route.agency,
          reporterAccountId: options.reporterAccountId,
          reporterContact: input.contact?.trim() || null,
          trackingTokenHash: hashToken(trackingToken),
          idempotencyKey: options.idempotencyKey ?? null,
          idempotencyFingerprint: fingerprint,
          details,
          createdAt: now,
          dueAt: new Date(now.getTime() + category.dueDays * DAY_MS),
        } as never,
        localDay(now, config.timezone),
        (seq) => formatTicketNumber(config.reports.ticketPrefix, now, config.timezone, seq),
        stored,
        [
          {
            kind: 'submitted',
            fromStatus: null,
            toStatus: config.workflow.initial,
            agencyCode: null,
            actorAccountId: options.reporterAccountId,
            actorRole,
            note: null,
            data: { channel: options.channel },
            createdAt: now,
          },
          {
            kind: 'routed',
            fromStatus: null,
            toStatus: null,
            agencyCode: route.agency,
            actorAccountId: null,
            actorRole: 'system',
            note: null,
            data: { rule: route.rule },
            createdAt: now,
          },
        ],
      );
      this.metrics?.reportSubmitted(slug);
      await this.events.submitted({
        report,
        trackingToken: options.reporterAccountId ? null : trackingToken,
        notifyEmail: options.reporterAccountId ? null : input.notifyEmail?.trim().toLowerCase() || null,
      });
      return { report, trackingToken, replayed: false };
    } catch (error) {
      // Two retries of one submission raced: the unique key let one in; answer with it.
      if (options.idempotencyKey && (error as { code?: string }).code === '23505') {
        const earlier = await this.reports.findByIdempotencyKey(options.idempotencyKey);
        if (earlier) return this.replay(earlier, options, fingerprint!);
      }
      throw error;
    }
  }

  /**
   * A second submission under a used key. Only the same submitter sending the
   * same request gets the first answer back (with its tracking token, derived
   * again, never stored); anyone or anything else gets a 422 that says
   * nothing about the report.
   */
  private replay(earlier: Report, options: SubmitOptions, fingerprint: string): Submitted {
    const stored = earlier.idempotencyFingerprint;
    if (!stored || !sameHex(stored, fingerprint)) throw new ReportError(ReportErrorCode.IdempotencyKeyReused, {}, 'Idempotency-Key');
    const token = options.trackingToken ?? this.replayableToken(options.idempotencyKey!, fingerprint);
    // A token derived under another SESSION_SECRET (rotated, or random per process in development) is not this report's: say nothing.
    return { report: earlier, trackingToken: tokenMatches(token, earlier.trackingTokenHash) ? token : null, replayed: true };
  }

  /** The tracking token of a keyed submission: the same for a genuine replay, computable by nobody without the server secret. */
  private replayableToken(key: string, fingerprint: string): string {
    return this.keys.derive('report-tracking-token', this.context.tenant.slug, key, fingerprint).slice(0, 24);
  }

  /** An anonymous reporter's view: ticket number plus the secret token given at submission. */
  async track(ticketNo: string, token: string): Promise<Report> {
    const report = await this.reports.findByTicket(ticketNo);
    if (!report || !tokenMatches(token, report.trackingTokenHash)) throw new ReportError(ReportErrorCode.NotFound);
    return report;
  }

  async ofReporter(ticketNo: string, accountId: string): Promise<Report> {
    const report = await this.reports.findByTicket(ticketNo);
    if (!report || report.reporterAccountId !== accountId) throw new ReportError(ReportErrorCode.NotFound);
    return report;
  }

  mine(accountId: string): Promise<Report[]> {
    return this.reports.byReporter(accountId);
  }

  async publicReport(ticketNo: string): Promise<Report> {
    const report = await this.reports.findByTicket(ticketNo);
    if (!report || report.privacy !== 'public') throw new ReportError(ReportErrorCode.NotFound);
    return report;
  }

  /** Reports by the Open311 GET filters, with each one's cover photo. */
  search(query: ReportSearch): Promise<ReportSearchHit[]> {
    return this.reports.search(query);
  }

  feed(query: FeedQuery) {
    return this.reports.feed(query);
  }

  timeline(report: Report) {
    return this.reports.timeline(report.id);
  }

  photos(report: Report) {
    return this.reports.photos(report.id);
  }

  /** "Me too" on a public report, once per supporter. */
  async support(ticketNo: string, supporter: string): Promise<Report> {
    const report = await this.publicReport(ticketNo);
    if (report.state === 'closed') throw new ReportError(ReportErrorCode.NotSupportable);
    // One's own report is not "me too": supports count other citizens.
    if (supporter === `account:${report.reporterAccountId}`) throw new ReportError(ReportErrorCode.OwnReport);
    if (!(await this.reports.support(report, supporter, this.clock.now()))) throw new ReportError(ReportErrorCode.AlreadySupported);
    return { ...report, supportsCount: report.supportsCount + 1 };
  }

  hasSupported(report: Report, supporter: string): Promise<boolean> {
    return this.reports.hasSupported(report, supporter);
  }

  /** The reporter rates the follow-up once the validator accepted it (Selesai). */
  async rate(report: Report, rating: number, comment: string | undefined): Promise<Report> {
    const { config } = this.context.tenant;
    const accepted = Object.values(config.workflow.actions).some((a) => a.kind === 'accept' && a.to === report.status);
    if (!accepted || report.rating !== null) throw new ReportError(ReportErrorCode.RatingNotAllowed);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5)
      throw new ReportError(ReportErrorCode.InvalidField, { field: 'rating' }, 'rating');
    const now = this.clock.now();
    const updated = await this.reports.update(report, report.status, { rating, ratingComment: comment?.trim() || null, updatedAt: now }, [
      {
        kind: 'rated',
        fromStatus: null,
        toStatus: null,
        agencyCode: null,
        actorAccountId: report.reporterAccountId,
        actorRole: 'citizen',
        note: comment?.trim() || null,
        data: { rating },
        createdAt: now,
      },
    ]);
    if (!updated) throw new ReportError(ReportErrorCode.RatingNotAllowed);
    return updated;
  }

  /** A photo's bytes, for whoever may see its report (decided by the caller through `canSee`). */
  async photoFile(photoId: string, canSee: (report: Report) => boolean): Promise<{ data: Buffer; contentType: string } | null> {
    const found = await this.reports.photo(photoId);
    if (!found || !canSee(found.report)) return null;
    const data = await this.storage.get(found.photo.storageKey);
    return data ? { data, contentType: found.photo.contentType } : null;
  }

  async store(tenant: string, reportId: string, kind: NewPhoto['kind'], photo: InspectedPhoto, at: Date): Promise<NewPhoto> {
    const id = randomUUID();
    const storageKey = photoKey(tenant, reportId, id, photo.extension);
    await this.storage.put(storageKey, photo.data, photo.contentType);
    return {
      id,
      kind,
      storageKey,
      contentType: photo.contentType,
      bytes: photo.data.length,
      width: photo.width,
      height: photo.height,
      sha256: photo.sha256,
      phash: photo.phash,
      uploadedAt: at,
    };
  }

  /**
   * Every problem of a submission at once (so the citizen fixes them in one
   * pass): the first is thrown, carrying the others in `also`. `input` may be
   * partial when the form's own fields already failed to parse; what is
   * missing from it is not checked again.
   */
  async problemsOf(input: Partial<SubmitReport>, options: Pick<SubmitOptions, 'photos' | 'photoRequired'>): Promise<ReportError[]> {
    try {
      await this.check(this.context.tenant.config, input, options);
      return [];
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      return [error, ...error.also];
    }
  }

  private async check(config: TenantConfig, input: Partial<SubmitReport>, options: Pick<SubmitOptions, 'photos' | 'photoRequired'>) {
    const problems: ReportError[] = [];
    const attempt = <T>(check: () => T): T | undefined => {
      try {
        return check();
      } catch (error) {
        if (!(error instanceof ReportError)) throw error;
        problems.push(error);
        return undefined;
      }
    };
    const category = input.category === undefined ? undefined : attempt(() => this.checkCategory(config, input.category!));
    if (input.description !== undefined) {
      const length = input.description.trim().length;
      const { min, max } = config.reports.description;
      if (length < min || length > max) problems.push(new ReportError(ReportErrorCode.DescriptionLength, { min, max }, 'description'));
    }
    const located = input.latitude !== undefined && input.longitude !== undefined;
    if (located && !insideArea(config, input.latitude!, input.longitude!))
      problems.push(new ReportError(ReportErrorCode.OutsideArea, {}, 'location'));
    const region = located ? attempt(() => this.checkRegion(config, input as SubmitReport)) : null;
    const details = (category && attempt(() => checkDetails(category, input.details ?? {}))) ?? {};
    let photos: InspectedPhoto[] = [];
    try {
      photos = await this.checkPhotos(config, options);
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      problems.push(error);
    }
    if (problems.length) throw ReportError.all(problems);
    return { category: category!, region: region ?? null, details, photos };
  }

  private checkCategory(config: TenantConfig, code: string): CategoryConfig {
    const category = config.categories[code];
    if (!category) throw new ReportError(ReportErrorCode.UnknownCategory, { category: code }, 'category');
    return category;
  }

  /**
   * The report's area: the citizen's choice (down to the desa/kelurahan, from
   * the reference data) unless the point lies in another kabupaten/kota, for
   * the point on the map decides.
   */
  private checkRegion(config: TenantConfig, input: SubmitReport): string | null {
    const located = locateRegion(config, input.latitude, input.longitude);
    if (input.region === undefined || input.region === '') return located;
    if (!isTenantArea(config, input.region)) throw new ReportError(ReportErrorCode.InvalidField, { field: 'region' }, 'region');
    return located === null || regionWithin(input.region, located) ? input.region : located;
  }

  private async checkPhotos(config: TenantConfig, options: Pick<SubmitOptions, 'photos' | 'photoRequired'>): Promise<InspectedPhoto[]> {
    const { maxCount, maxMb } = config.reports.photos;
    if (options.photos.length > maxCount) throw new ReportError(ReportErrorCode.TooManyPhotos, { max: maxCount }, 'photos');
    if (options.photoRequired && options.photos.length === 0) throw new ReportError(ReportErrorCode.PhotoRequired, {}, 'photos');
    return Promise.all(options.photos.map((p) => inspectReportPhoto(p.data, maxMb * 1_048_576)));
  }
  /** Open reports held by `agency`, for the admin console (retiring an agency needs none). */
  openCountByAgency(agency: string): Promise<number> {
    return this.reports.openCountByAgency(agency);
  }

  /** An admin moves every open report of `from` to `to`; each report's timeline shows it as re-routed by the admin. */
  reassignOpenReports(from: string, to: string, admin: { accountId: string | null }): Promise<string[]> {
    const at = this.clock.now();
    return this.reports.reassignOpen(from, to, at, () => ({
      kind: 'routed',
      fromStatus: null,
      toStatus: null,
      agencyCode: to,
      actorAccountId: admin.accountId,
      actorRole: 'admin',
      note: null,
      createdAt: at,
      data: { fromAgency: from, reassigned: true },
    }));
  }
}

/** The category's extra questions: required ones answered, list answers among the listed values. */
function checkDetails(category: CategoryConfig, details: Record<string, unknown>): Record<string, string> {
  const fields = category.fields ?? {};
  const answers: Record<string, string> = {};
  for (const [code, field] of Object.entries(fields)) {
    const raw = details[code];
    const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '';
    if (!value) {
      if (field.required) throw new ReportError(ReportErrorCode.MissingField, { field: code }, code);
      continue;
    }
    if (value.length > 500) throw new ReportError(ReportErrorCode.InvalidField, { field: code }, code);
    if (field.type === 'number' && !Number.isFinite(Number(value)))
      throw new ReportError(ReportErrorCode.InvalidField, { field: code }, code);
    if (field.type === 'singlevaluelist' && !(field.values && Object.hasOwn(field.values, value)))
      throw new ReportError(ReportErrorCode.InvalidField, { field: code }, code);
    answers[code] = value;
  }
  return answers;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** Whether `token` is the tracking token whose hash is stored; constant-time. */
export function tokenMatches(token: string, hash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
