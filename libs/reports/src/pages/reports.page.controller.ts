import { Controller, Get } from '@nestjs/common';
import { AccountView, OptionalAccount } from '@app/accounts';
import { Locale, TenantService } from '@app/tenancy';
import { Page, PageLocale } from '@app/views';
import { ReportPagesMapper } from './report-pages.mapper';

/** Citizen reports (Laporan Warga): where to start. */
@Controller('laporan')
@TenantService('reports')
export class ReportsPageController {
  constructor(private readonly pages: ReportPagesMapper) {}

  @Get()
  @Page('reports-index')
  index(@PageLocale() locale: Locale, @OptionalAccount() account?: AccountView) {
    return this.pages.landing(locale, account);
  }
}
