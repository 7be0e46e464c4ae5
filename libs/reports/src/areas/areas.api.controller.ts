import { Controller, Get, Header, NotFoundException, Param, Query } from '@nestjs/common';
import { TenantContext, TenantService } from '@app/tenancy';
import { childAreas, searchAreas } from './area-choice';

/**
 * The areas of the tenant's own province, for the report form's area chooser:
 * `GET /api/wilayah/cari?q=jambula` searches, `GET /api/wilayah/82.71` lists
 * what lies below an area. Another province's code is 404.
 */
@Controller('api/wilayah')
@TenantService('reports')
export class AreasApiController {
  constructor(private readonly context: TenantContext) {}

  @Get('cari')
  @Header('cache-control', 'public, max-age=300')
  search(@Query('q') q?: string) {
    return { results: searchAreas(this.context.tenant.config, typeof q === 'string' ? q.slice(0, 80) : '') };
  }

  @Get(':code')
  @Header('cache-control', 'public, max-age=300')
  children(@Param('code') code: string) {
    const children = childAreas(this.context.tenant.config, code);
    if (!children) throw new NotFoundException(`unknown area '${code.slice(0, 20)}'`);
    return { code, areas: children.map((a) => ({ code: a.code, name: a.name })) };
  }
}
