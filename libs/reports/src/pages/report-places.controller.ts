import { Controller, Get, Header, Query } from '@nestjs/common';
import { TenantContext, TenantService } from '@app/tenancy';
import { PlaceHit, searchPlaces } from './report-places';

/** The report form's place search (/laporan/tempat?q=…): the tenant's own regions, as JSON. */
@Controller('laporan/tempat')
@TenantService('reports')
export class ReportPlacesController {
  constructor(private readonly context: TenantContext) {}

  @Get()
  @Header('cache-control', 'public, max-age=300')
  search(@Query('q') q?: string): PlaceHit[] {
    return typeof q === 'string' ? searchPlaces(this.context.tenant.config, q.slice(0, 100)) : [];
  }
}
