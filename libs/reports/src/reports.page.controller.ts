import { Controller, Get } from '@nestjs/common';
import { Locale, serviceTitle, TenantContext, TenantService } from '@app/tenancy';
import { Page, PageLocale } from '@app/views';

/** Citizen reports (Laporan Warga). The submission and follow-up flow is built in the reports issue. */
@Controller('laporan')
@TenantService('reports')
export class ReportsPageController {
  constructor(private readonly context: TenantContext) {}

  @Get()
  @Page('coming-soon')
  index(@PageLocale() locale: Locale) {
    const title = serviceTitle(this.context.tenant, 'reports', locale);
    return { title, heading: title };
  }
}
