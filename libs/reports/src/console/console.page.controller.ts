import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, StreamableFile, UseFilters } from '@nestjs/common';
import { Clock } from '@app/config';
import { AccountView, Authenticated, CurrentAccount } from '@app/accounts';
import { CsrfGuard, CsrfService, CsrfVerifiedInHandler, WebRequest } from '@app/security';
import { Locale, TenantContext, TenantService } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus, requestLocale } from '@app/views';
import { MultipartForm, readForm } from '@app/media';
import { readReportForm } from '../photos/report-media';
import { ReportActionsService } from '../report-actions.service';
import { ReportError, ReportErrorCode } from '../report-error';
import { normalizeTicket } from '../pages/report-page-forms';
import { queryOf } from '../pages/page-format';
import { BulkForm, ForwardedQuery } from './console-forms';
import { BulkDispositionService } from './bulk-disposition.service';
import { ReportErrorPageFilter } from '../pages/report-error.page-filter';
import { statusOf } from '../pages/report-form-errors';
import { actorOf } from './actor-of';
import { actionRequest, queueFilters } from './console-filters';
import { ConsolePagesMapper } from './console-pages.mapper';
import { reportsCsv } from './report-csv';
import { ConsoleQueueQuery } from '../dto/report-feed-query';

type FormRequest = WebRequest & Parameters<typeof readForm>[0];

/**
 * The officers' and validators' console (/konsol): their agency's queue,
 * overdue reports first, and a report's detail with one form per action the
 * workflow allows them. A report outside their agency does not exist for
 * them (404). Action forms with evidence photos are multipart, so the
 * handler checks their CSRF token itself.
 */
@Controller('konsol')
@TenantService('reports')
@Authenticated({ roles: ['officer', 'validator', 'admin'] })
@UseFilters(ReportErrorPageFilter)
export class ConsolePageController {
  constructor(
    private readonly actions: ReportActionsService,
    private readonly pages: ConsolePagesMapper,
    private readonly csrf: CsrfService,
    private readonly csrfGuard: CsrfGuard,
    private readonly context: TenantContext,
    private readonly bulkDisposition: BulkDispositionService,
    private readonly clock: Clock,
  ) {}

  @Get(['', 'laporan'])
  @Page('console-queue')
  @Header('cache-control', 'no-store')
  async queue(@PageLocale() locale: Locale, @CurrentAccount() account: AccountView, @Query() query: ConsoleQueueQuery) {
    const filters = queueFilters(this.context.tenant.config, query);
    // No status chosen yet (first visit): the role's landing view. "Semua" sends status= and is kept.
    if (query.status === undefined && filters.state === 'open') filters.status = this.actions.landingStatus(account.role);
    const result = await this.actions.queue(actorOf(account), filters);
    return this.pages.queue(
      locale,
      account,
      filters,
      result,
      await this.actions.thumbnails(result.items),
      await this.actions.likelyDuplicates(result.items),
      this.bulkDisposition.bulkActions(account.role),
    );
  }

  /** The agency's open reports on a map (where tiles load), always also as a list. */
  @Get('peta')
  @Page('console-map')
  @Header('cache-control', 'no-store')
  async map(@PageLocale() locale: Locale, @CurrentAccount() account: AccountView) {
    return this.pages.map(locale, await this.actions.mapReports(actorOf(account)));
  }

  /**
   * The queue's reports as CSV, with the queue's filters (every page, not
   * one): streamed in batches. Headers in the reader's language.
   */
  @Get('ekspor.csv')
  @Header('cache-control', 'no-store')
  export(@Req() req: WebRequest, @CurrentAccount() account: AccountView, @Query() query: ConsoleQueueQuery) {
    const { config, slug } = this.context.tenant;
    // Not a page: the reader's language comes from the request itself (?lang=, then the language cookie).
    const locale = requestLocale(req, this.context.tenant);
    const filters = queueFilters(config, query);
    // The export's own filters only: no landing status, so a link without one exports every status.
    if (query.status === undefined) filters.status = undefined;
    const now = this.clock.now();
    const csv = reportsCsv(
      config,
      locale,
      (column) => this.pages.csvHeader(locale, column),
      this.actions.exportReports(actorOf(account), filters),
      now,
    );
    const day = now.toISOString().slice(0, 10);
    return new StreamableFile(csv, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="laporan-${slug}-${day}.csv"` });
  }

  /**
   * Bulk disposition: the action chosen under the queue, applied to each
   * ticked report as if taken on its own page; the answer lists every
   * report's outcome (done, or why not). Nothing ticked or no action: 422.
   */
  @Post('massal')
  @HttpCode(200)
  @Page('console-bulk')
  @Header('cache-control', 'no-store')
  async bulk(@Req() req: WebRequest, @PageLocale() locale: Locale, @CurrentAccount() account: AccountView, @Body() form: BulkForm) {
    const tickets = (form.tickets ?? []).map(normalizeTicket);
    const request = actionRequest({
      action: form.action ?? '',
      note: form.note ?? '',
      agency: form.agency ?? '',
      handoffTarget: form.handoffTarget ?? '',
    });
    const allowed = this.bulkDisposition.bulkActions(account.role).some(([code]) => code === request.action);
    if (tickets.length === 0 || !allowed)
      return new PageWithStatus(422, this.pages.bulkRefused(locale, tickets.length === 0 ? 'noneSelected' : 'noAction'));
    const outcomes = await this.bulkDisposition.apply(
      actorOf(account),
      { accountId: account.id, label: account.email, ip: req.ip ? String(req.ip) : null },
      tickets,
      request,
    );
    return this.pages.bulkResult(locale, request.action, outcomes);
  }

  /** Where an action that hands the report to another agency lands: the officer can no longer open it. */
  @Get('diteruskan')
  @Page('console-forwarded')
  @Header('cache-control', 'no-store')
  forwarded(@PageLocale() locale: Locale, @Query() query: ForwardedQuery) {
    return this.pages.forwarded(locale, query);
  }

  @Get('laporan/:ticket')
  @Page('console-report')
  @Header('cache-control', 'no-store')
  async report(
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Param('ticket') ticket: string,
    @Query('selesai') done?: string,
  ) {
    const actor = actorOf(account);
    const report = await this.actions.find(actor, normalizeTicket(ticket));
    return this.pages.detail(locale, report, this.actions.actionsFor(actor, report), await this.actions.evidenceWarnings(report), {
      done,
      duplicates: await this.actions.duplicateCandidates(actor, report),
    });
  }

  @Post('laporan/:ticket/tindakan')
  @HttpCode(200)
  @CsrfVerifiedInHandler()
  @Page('console-report')
  @Header('cache-control', 'no-store')
  async act(@Req() req: FormRequest, @PageLocale() locale: Locale, @CurrentAccount() account: AccountView, @Param('ticket') raw: string) {
    const actor = actorOf(account);
    const ticket = normalizeTicket(raw);
    let form: MultipartForm = { fields: {}, files: {} };
    try {
      form = await readReportForm(req, ['before', 'after']);
      if (!this.csrf.verifyToken(req, form.fields._csrf)) throw this.csrfGuard.rejection(req);
      const request = actionRequest(form.fields);
      const updated = await this.actions.act(actor, ticket, request, { before: form.files.before ?? [], after: form.files.after ?? [] });
      // Forwarded out of the officer's reach (Koordinasi to another agency): the report no longer exists for them, so confirm instead.
      if (!this.actions.handles(actor, updated)) {
        return new PageRedirect(`/konsol/diteruskan${queryOf({ tiket: ticket, aksi: request.action, ke: updated.agencyCode })}`);
      }
      return new PageRedirect(`/konsol/laporan/${encodeURIComponent(ticket)}?selesai=${encodeURIComponent(request.action)}`);
    } catch (error) {
      if (!(error instanceof ReportError) || error.code === ReportErrorCode.NotFound) throw error;
      const report = await this.actions.find(actor, ticket);
      const action = actionRequest(form.fields).action;
      return new PageWithStatus(
        statusOf(error),
        await this.pages.detail(locale, report, this.actions.actionsFor(actor, report), await this.actions.evidenceWarnings(report), {
          errors: this.pages.formErrors(locale, error, action),
          failedAction: action,
          duplicates: await this.actions.duplicateCandidates(actor, report),
        }),
      );
    }
  }
}
