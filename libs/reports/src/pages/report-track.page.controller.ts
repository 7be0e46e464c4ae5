import { Body, Controller, Get, Header, HttpCode, Post, Query, UseFilters } from '@nestjs/common';
import { Locale, TenantService } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus } from '@app/views';
import { TrackedRateForm } from '../dto/report-action';
import { ReportError } from '../report-error';
import { ReportsService } from '../reports.service';
import { queryOf } from './page-format';
import { ReportErrorPageFilter } from './report-error.page-filter';
import { statusOf } from './report-form-errors';
import { normalizeTicket } from './report-page-forms';
import { ReportPagesMapper } from './report-pages.mapper';

/**
 * Following a report with its ticket number and secret token (anonymous
 * reporters): the form, the report with its timeline, and the rating once
 * it is done. The token travels in the query of this page only; the page
 * sends no referrer and is not cached.
 */
@Controller('laporan/lacak')
@TenantService('reports')
@UseFilters(ReportErrorPageFilter)
export class ReportTrackPageController {
  constructor(
    private readonly reports: ReportsService,
    private readonly pages: ReportPagesMapper,
  ) {}

  @Get()
  @Page('reports-track')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  async track(@PageLocale() locale: Locale, @Query('tiket') rawTicket?: string, @Query('token') rawToken?: string) {
    const ticket = normalizeTicket(rawTicket);
    const token = typeof rawToken === 'string' ? rawToken.trim().slice(0, 200) : '';
    if (!ticket && !token) return this.pages.trackForm(locale);
    try {
      return await this.pages.tracked(locale, await this.reports.track(ticket, token), token);
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      return new PageWithStatus(
        statusOf(error),
        this.pages.trackForm(locale, { ticket, token }, [{ field: 'ticket', message: this.pages.formErrors(locale, error)[0].message }]),
      );
    }
  }

  @Post('nilai')
  @HttpCode(200)
  @Page('reports-track')
  @Header('cache-control', 'no-store')
  @Header('referrer-policy', 'no-referrer')
  async rate(@PageLocale() locale: Locale, @Body() body: TrackedRateForm) {
    const ticket = normalizeTicket(body.tiket);
    const token = String(body.token ?? '').trim();
    const report = await this.reports.track(ticket, token);
    try {
      await this.reports.rate(report, Number(body.rating), body.comment?.slice(0, 1000));
      return new PageRedirect(`/laporan/lacak${queryOf({ tiket: ticket, token, dinilai: 1 })}#rating`);
    } catch (error) {
      if (!(error instanceof ReportError)) throw error;
      return new PageWithStatus(statusOf(error), await this.pages.tracked(locale, report, token, this.pages.formErrors(locale, error)));
    }
  }
}
