import { Controller, Get, HttpCode, Param, Post, Query, Req, UseFilters } from '@nestjs/common';
import { AccountView, OptionalAccount } from '@app/accounts';
import { WebRequest } from '@app/security';
import { Locale, TenantContext, TenantService } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus } from '@app/views';
import { anonymousClientKey } from '../client-key';
import { ReportError } from '../report-error';
import { ReportsService } from '../reports.service';
import { ReportErrorPageFilter } from './report-error.page-filter';
import { statusOf } from './report-form-errors';
import { feedFilters, normalizeTicket } from './report-page-forms';
import { Report } from '../entities';
import { ReportPagesMapper, SupportState } from './report-pages.mapper';
import { ReportFeedQuery } from '../dto/report-feed-query';

const PAGE_SIZE = 20;

/** The public feed (/laporan/publik): public reports only, never who reported them; and "Dukung" (me too). */
@Controller('laporan/publik')
@TenantService('reports')
@UseFilters(ReportErrorPageFilter)
export class ReportFeedPageController {
  constructor(
    private readonly reports: ReportsService,
    private readonly pages: ReportPagesMapper,
    private readonly context: TenantContext,
  ) {}

  @Get()
  @Page('reports-feed')
  async feed(@PageLocale() locale: Locale, @Query() query: ReportFeedQuery) {
    const filters = feedFilters(this.context.tenant.config, query);
    return this.pages.feed(locale, filters, await this.reports.feed({ ...filters, pageSize: PAGE_SIZE }));
  }

  @Get(':ticket')
  @Page('reports-public')
  async one(
    @PageLocale() locale: Locale,
    @Param('ticket') ticket: string,
    @Req() req: WebRequest,
    @Query('didukung') supported?: string,
    @OptionalAccount() account?: AccountView,
  ) {
    const report = await this.reports.publicReport(normalizeTicket(ticket));
    return this.pages.publicReport(locale, report, { supported: supported === '1', state: await this.supportState(report, req, account) });
  }

  /** Once per citizen (their account) or per anonymous client (a hash of address and browser). */
  @Post(':ticket/dukung')
  @HttpCode(200)
  @Page('reports-public')
  async support(
    @PageLocale() locale: Locale,
    @Param('ticket') raw: string,
    @Req() req: WebRequest,
    @OptionalAccount() account?: AccountView,
  ) {
    const ticket = normalizeTicket(raw);
    try {
      await this.reports.support(ticket, account ? `account:${account.id}` : anonymousClientKey(req));
      return new PageRedirect(`/laporan/publik/${encodeURIComponent(ticket)}?didukung=1#support`);
    } catch (error) {
      if (!(error instanceof ReportError) || statusOf(error) === 404) throw error;
      const report = await this.reports.publicReport(ticket);
      return new PageWithStatus(
        statusOf(error),
        await this.pages.publicReport(locale, report, {
          errors: this.pages.formErrors(locale, error),
          state: await this.supportState(report, req, account),
        }),
      );
    }
  }

  /** What the support button shows: the reporter's own report, already supported by this citizen, or open to support. */
  private async supportState(report: Report, req: WebRequest, account?: AccountView): Promise<SupportState> {
    if (account && account.id === report.reporterAccountId) return 'own';
    return (await this.reports.hasSupported(report, account ? `account:${account.id}` : anonymousClientKey(req))) ? 'supported' : 'open';
  }
}
