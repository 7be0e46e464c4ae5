import { Controller, Get, Header, Query, Req, UseFilters } from '@nestjs/common';
import { TenantContext, TenantService } from '@app/tenancy';
import { apiLocale } from '@app/views';
import { NearbyReportsQuery } from '../dto/nearby-query';
import { ReportErrorJsonFilter } from '../report-error.filter';
import { NearbyReportsService } from './nearby-reports.service';

/** Similar open public reports near a point, for the report form (and the mobile apps) before a citizen files a new one. */
@Controller('api/reports/nearby')
@TenantService('reports')
@UseFilters(ReportErrorJsonFilter)
export class NearbyApiController {
  constructor(
    private readonly nearby: NearbyReportsService,
    private readonly context: TenantContext,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  async similar(@Req() req: { headers: Record<string, string | undefined> }, @Query() query: NearbyReportsQuery) {
    const items = await this.nearby.similar(query.category, query.latitude, query.longitude, apiLocale(req, this.context.tenant));
    return { radiusMeters: this.nearby.radiusMeters, items };
  }
}
