import { Controller, Get, Header, HttpCode, Post, Query, Req, UseFilters, ValidationPipe } from '@nestjs/common';
import { ReportFormQuery } from '../dto/report-form-query';
import { AccountView, OptionalAccount } from '@app/accounts';
import { CsrfGuard, CsrfService, CsrfVerifiedInHandler, RateLimiter, WebRequest } from '@app/security';
import { Locale, TenantContext, TenantService } from '@app/tenancy';
import { Page, PageLocale, PageWithStatus } from '@app/views';
import { anonymousClientKey } from '../client-key';
import { parseSubmission } from '../dto/parse-submission';
import { MultipartForm, readForm } from '../multipart-form';
import { ReportError, ReportErrorCode } from '../report-error';
import { ReportsService, tokenMatches } from '../reports.service';
import { ReportErrorPageFilter } from './report-error.page-filter';
import { statusOf } from './report-form-errors';
import { submissionValues, withPickedArea } from './report-page-forms';
import { ReportPagesMapper } from './report-pages.mapper';
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
  form(@PageLocale() locale: Locale, @Query(new ValidationPipe({ whitelist: true })) query: ReportFormQuery, @OptionalAccount() account?: AccountView) {
    const seed = isSubmissionSeed(query.submission) ? query.submission : newSubmissionSeed();
    return this.pages.form(locale, account, seed, submissionValues({ ...query }));
  }

  @Post()
  @HttpCode(200)
  @CsrfVerifiedInHandler()
  @Page('reports-new')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  async submit(@Req() req: FormRequest, @PageLocale() locale: Locale, @OptionalAccount() account?: AccountView) {
    let form: MultipartForm = { fields: {}, files: {} };
    try {
      form = await readForm(req, ['photos']);
      if (!this.csrf.verify(this.csrf.cookieOf(req), form.fields._csrf)) throw this.csrfGuard.rejection(req);
      const seed = isSubmissionSeed(form.fields.submission) ? form.fields.submission : undefined;
      this.limit(account?.id ?? anonymousClientKey(req));
      const reporterAccountId = account?.role === 'citizen' ? account.id : null;
      const result = await this.reports.submit(parseSubmission(withPickedArea(this.context.tenant.config, form.fields)), {
        reporterAccountId, photos: form.files.photos ?? [], photoRequired: true, channel: 'portal',
        idempotencyKey: seed && idempotencyKeyOf(seed), trackingToken: seed && trackingTokenOf(seed),
      });
      // A replay answers with the report the first submission made; its token is the one derived from this form.
      const token = result.trackingToken ?? (seed && tokenMatches(trackingTokenOf(seed), result.report.trackingTokenHash) ? trackingTokenOf(seed) : null);
      return this.pages.confirmation(locale, result.report, result.report.reporterAccountId === null ? token : null);
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      const seed = isSubmissionSeed(form.fields.submission) ? form.fields.submission : newSubmissionSeed();
      const errors = this.pages.formErrors(locale, error, form.fields);
      return new PageWithStatus(statusOf(error), this.pages.form(locale, account, seed, submissionValues(form.fields), errors));
    }
  }

  private limit(client: string): void {
    const decision = this.limiter.consume('report-submit', client, { limit: this.context.tenant.config.reports.submissionsPerHour, windowMs: 3_600_000 });
    if (!decision.allowed) throw new ReportError(ReportErrorCode.RateLimited, { retryAfter: decision.retryAfterSeconds });
  }
}
