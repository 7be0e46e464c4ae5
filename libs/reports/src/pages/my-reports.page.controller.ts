import { Body, Controller, Get, HttpCode, Param, Post, UseFilters } from '@nestjs/common';
import { AccountView, Authenticated, CurrentAccount } from '@app/accounts';
import { Locale, TenantService } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus } from '@app/views';
import { RateReportForm } from '../dto/report-action';
import { ReportError } from '../report-error';
import { ReportsService } from '../reports.service';
import { ReportErrorPageFilter } from './report-error.page-filter';
import { statusOf } from './report-form-errors';
import { normalizeTicket } from './report-page-forms';
import { ReportPagesMapper } from './report-pages.mapper';

/** A signed-in citizen's own reports (/laporan/saya), each with its timeline and, once done, the rating form. */
@Controller('laporan/saya')
@TenantService('reports')
@Authenticated({ roles: ['citizen'] })
@UseFilters(ReportErrorPageFilter)
export class MyReportsPageController {
  constructor(
    private readonly reports: ReportsService,
    private readonly pages: ReportPagesMapper,
  ) {}

  @Get()
  @Page('reports-mine')
  async mine(@PageLocale() locale: Locale, @CurrentAccount() account: AccountView) {
    return this.pages.mine(locale, await this.reports.mine(account.id));
  }

  @Get(':ticket')
  @Page('reports-mine-detail')
  async one(@PageLocale() locale: Locale, @CurrentAccount() account: AccountView, @Param('ticket') ticket: string) {
    return this.pages.myReport(locale, await this.reports.ofReporter(normalizeTicket(ticket), account.id));
  }

  @Post(':ticket/nilai')
  @HttpCode(200)
  @Page('reports-mine-detail')
  async rate(
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Param('ticket') ticket: string,
    @Body() body: RateReportForm,
  ) {
    const report = await this.reports.ofReporter(normalizeTicket(ticket), account.id);
    try {
      await this.reports.rate(report, Number(body.rating), body.comment?.slice(0, 1000));
      return new PageRedirect(`/laporan/saya/${encodeURIComponent(report.ticketNo)}#rating`);
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      return new PageWithStatus(statusOf(error), await this.pages.myReport(locale, report, this.pages.formErrors(locale, error)));
    }
  }
}
