import { Controller, Get, Header } from '@nestjs/common';
import { Authenticated, StaffService } from '@app/accounts';
import { Locale, TenantContext, TenantRegistry } from '@app/tenancy';
import { Page, PageLocale, ViewEngine } from '@app/views';
import { tenantReadiness } from '../readiness/tenant-readiness';
import { TenantSources } from '../tenant-sources';

/**
 * Readiness (/admin/kesiapan): what of this province is still a template
 * (agencies without contacts, default logo and colours, no emergency number of
 * its own, no admin, text naming another province), each with where to fix it.
 * The same check as `npm run tenant -- doctor <slug>`.
 */
@Controller('admin/kesiapan')
@Authenticated({ roles: ['admin'] })
export class ReadinessPageController {
  constructor(
    private readonly context: TenantContext,
    private readonly registry: TenantRegistry,
    private readonly sources: TenantSources,
    private readonly staff: StaffService,
    private readonly views: ViewEngine,
  ) {}

  @Get()
  @Page('admin-readiness')
  @Header('cache-control', 'no-store')
  async show(@PageLocale() locale: Locale) {
    const tenant = this.context.tenant;
    const admins = (await this.staff.list()).filter((s) => s.account.role === 'admin' && !s.disabled).length;
    const items = tenantReadiness({ tenant, folders: this.sources.folders, others: this.registry.list(), admins });
    const count = (level: string) => items.filter((i) => i.level === level).length;
    return {
      title: this.views.text(tenant, locale, 'admin.readiness.title'),
      adminSection: 'kesiapan',
      summary: { problems: count('problem'), templates: count('template'), ready: count('ok') },
      items: items.map((i) => ({
        ...i,
        problem: i.level === 'problem',
        template: i.level === 'template',
        ok: i.level === 'ok',
        levelKey: `admin.readiness.levels.${i.level}`,
      })),
    };
  }
}
