import { Controller, Get, Header, HttpCode, Post, Query, Req, UseFilters, ValidationPipe } from '@nestjs/common';
import { ReportFormQuery } from '../dto/report-form-query';
import { AccountView, OptionalAccount } from '@app/accounts';
import { CsrfGuard, CsrfService, CsrfVerifiedInHandler, RateLimiter, WebRequest } from '@app/security';
import { Locale, TenantContext, TenantService } from '@app/tenancy';
import { Page, PageLocale, PageWithStatus } from '@app/views';
import { clientAddressKey } from '../client-key';
import { parseSubmission } from '../dto/parse-submission';
import { MultipartForm, PendingPhotos, pendingIdsOf, readForm } from '@app/media';
import { readReportForm } from '../photos/report-media';
import { ReportError, ReportErrorCode } from '../report-error';
import { ReportsService, tokenMatches } from '../reports.service';
import { ReportErrorPageFilter } from './report-error.page-filter';
import { statusOf } from './report-form-errors';
import { submissionValues, withPickedArea } from './report-page-forms';
import { ReportPagesMapper } from './report-pages.mapper';
import { NearbyReportsService } from '../nearby/nearby-reports.service';
import { idempotencyKeyOf, isSubmissionSeed, newSubmissionSeed, trackingTokenOf } from './submission-seed';

type FormRequest = WebRequest & Parameters<typeof readForm>[0];

/**
 * The report form (/laporan/baru): multipart, so the handler checks the CSRF
 * token itself after reading the parts. An error re-renders the form with
 * what was typed and saves nothing; a double-submit of one rendered form
 * returns the same report (and the same tracking token).
 */
@Controller('laporan/baru')
@TenantService('reports')
@UseFilters(ReportErrorPageFilter)
export class ReportFormPageController {
  constructor(
    private readonly reports: ReportsService,
    private readonly pages: ReportPagesMapper,
    private readonly csrf: CsrfService,
    private readonly csrfGuard: CsrfGuard,
    private readonly limiter: RateLimiter,
    private readonly context: TenantContext,
    private readonly pending: PendingPhotos,
    private readonly nearby: NearbyReportsService,
  ) {}

  /**
   * The form; without a script, the area chooser's "show kelurahan" button
   * comes back here (GET) with what was typed, to list the chosen kecamatan's
   * kelurahan. Nothing is saved by a GET.
   */
  @Get()
  @Page('reports-new')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  async form(
    @PageLocale() locale: Locale,
    @Query(new ValidationPipe({ whitelist: true })) query: ReportFormQuery,
    @OptionalAccount() account?: AccountView,
  ) {
    const seed = isSubmissionSeed(query.submission) ? query.submission : newSubmissionSeed();
    const page = this.pages.form(locale, account, seed, submissionValues({ ...query }));
    return query.similar ? { ...page, similar: await this.similar(locale, query) } : page;
  }

  /** The no-script check for similar reports: the category and point as typed (a decimal comma is a point). */
  private async similar(locale: Locale, query: ReportFormQuery) {
    const number = (v?: string) => (v && /^\s*-?\d{1,3}([.,]\d+)?\s*$/.test(v) ? Number(v.trim().replace(',', '.')) : NaN);
    const [latitude, longitude] = [number(query.latitude), number(query.longitude)];
    const category = query.category ?? '';
    const ready = Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
    const items = ready ? await this.nearby.similar(category, latitude, longitude, locale) : [];
    return { checked: true, items, radius: this.nearby.radiusMeters, category: items[0]?.category ?? '' };
  }

  @Post()
  @HttpCode(200)
  @CsrfVerifiedInHandler()
  @Page('reports-new')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  async submit(@Req() req: FormRequest, @PageLocale() locale: Locale, @OptionalAccount() account?: AccountView) {
    let form: MultipartForm = { fields: {}, files: {} };
    const browser = this.csrf.cookieOf(req);
    const { photos: limits } = this.context.tenant.config.reports;
    let pending: string[] = [];
    try {
      form = await readReportForm(req, ['photos']);
      if (!this.csrf.verifyToken(req, form.fields._csrf)) throw this.csrfGuard.rejection(req);
      const seed = isSubmissionSeed(form.fields.submission) ? form.fields.submission : undefined;
      await this.limit(account ? `account:${account.id}` : clientAddressKey(req));
      const reporterAccountId = account?.role === 'citizen' ? account.id : null;
      // Photos chosen now replace those kept from an earlier attempt of this form.
      const chosen = form.files.photos ?? [];
      const kept = chosen.length ? [] : await this.pending.take(pendingIdsOf(form.fields.pendingPhotos, limits.maxCount), browser);
      pending = kept.map((p) => p.id);
      const photos = chosen.length ? chosen : kept;
      const result = await this.reports.submit(await this.parse(withPickedArea(this.context.tenant.config, form.fields), photos), {
        reporterAccountId,
        submitterAccountId: account?.id ?? null,
        photos,
        photoRequired: true,
        channel: 'portal',
        idempotencyKey: seed && idempotencyKeyOf(seed),
        trackingToken: seed && trackingTokenOf(seed),
      });
      // A replay answers with the report the first submission made; its token is the one derived from this form.
      const token =
        result.trackingToken ??
        (seed && tokenMatches(trackingTokenOf(seed), result.report.trackingTokenHash) ? trackingTokenOf(seed) : null);
      return this.pages.confirmation(locale, result.report, result.report.reporterAccountId === null ? token : null);
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      // A form whose key is taken (by someone else, or for other content) gets a fresh one, so the next try can succeed.
      const reusable = error.code !== ReportErrorCode.IdempotencyKeyReused && isSubmissionSeed(form.fields.submission);
      const seed = reusable ? form.fields.submission : newSubmissionSeed();
      // Keep the photos that were fine, so the next attempt does not need them chosen again.
      if (form.files.photos?.length)
        pending = await this.pending.keep(form.files.photos.slice(0, limits.maxCount), browser, limits.maxMb * 1_048_576);
      const errors = this.pages.formErrors(locale, error, form.fields);
      const page = this.pages.form(locale, account, seed, submissionValues(form.fields), errors, pending);
      return new PageWithStatus(statusOf(error), page);
    }
  }

  /**
   * The submission, or every problem of the form at once: when its own fields
   * do not parse, the service still checks the rest (category, description,
   * photos) so the citizen learns everything in one answer.
   */
  private async parse(fields: Record<string, string>, photos: { data: Buffer }[]) {
    try {
      return parseSubmission(fields);
    } catch (error) {
      if (!(error instanceof ReportError) || !error.problems.length) throw error;
      const bad = new Set(error.problems.map((p) => p.field));
      const partial = {
        ...(bad.has('category') ? {} : { category: fields.category ?? '' }),
        ...(bad.has('description') ? {} : { description: fields.description ?? '' }),
      };
      const others = await this.reports.problemsOf(partial, { photos, photoRequired: true });
      throw ReportError.all([error, ...others]);
    }
  }

  private async limit(client: string): Promise<void> {
    const decision = await this.limiter.consume('report-submit', client, {
      limit: this.context.tenant.config.reports.submissionsPerHour,
      windowMs: 3_600_000,
    });
    if (!decision.allowed) throw new ReportError(ReportErrorCode.RateLimited, { retryAfter: decision.retryAfterSeconds });
  }
}
