import { Controller, Get, Query } from '@nestjs/common';
import { Authenticated } from '@app/accounts';
import { AuditService } from '@app/audit';
import { parseIsoInZone } from '@app/config';
import { Locale, TenantContext } from '@app/tenancy';
import { Page, PageLocale, ViewEngine } from '@app/views';
import { AuditFilterQuery } from './admin-forms';
import { AUDIT_GROUPS, AuditEntriesMapper } from './audit-entries.mapper';

const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** /admin/audit: the tenant's audit log, newest first, filtered by kind of action, actor and date range; read-only. */
@Controller('admin/audit')
@Authenticated({ roles: ['admin'] })
export class AdminAuditPageController {
  constructor(
    private readonly audit: AuditService,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
    private readonly mapper: AuditEntriesMapper,
  ) {}

  @Get()
  @Page('admin-audit')
  async list(@PageLocale() locale: Locale, @Query() q: AuditFilterQuery) {
    const tenant = this.context.tenant;
    const zone = tenant.config.timezone;
    const page = Math.min(Math.max(Number.parseInt(q.page ?? '1', 10) || 1, 1), 10_000);
    const from = q.from && DAY.test(q.from) ? (parseIsoInZone(`${q.from}T00:00:00`, zone) ?? undefined) : undefined;
    // `to` is inclusive of its whole day.
    const toStart = q.to && DAY.test(q.to) ? parseIsoInZone(`${q.to}T00:00:00`, zone) : null;
    const to = toStart ? new Date(toStart.getTime() + 24 * 3600_000) : undefined;
    const action = q.action?.trim() || undefined;
    const actor = q.actor?.trim() || undefined;
    const { items, hasMore } = await this.audit.find({ action, actor, from, to, page, pageSize: PAGE_SIZE });
    const filters = { action: action ?? '', actor: actor ?? '', from: from ? q.from! : '', to: to ? q.to! : '' };
    const link = (p: number) =>
      `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), page: String(p) }).toString()}`;
    return {
      title: this.views.text(tenant, locale, 'admin.audit.title'),
      adminSection: 'audit',
      filters,
      filtersActive: Boolean(action || actor || from || to),
      groups: AUDIT_GROUPS.map((g) => ({
        code: `${g}.`,
        name: this.views.text(tenant, locale, `consoles.audit.groups.${g}`),
        selected: action === `${g}.`,
      })),
      customAction: action && !AUDIT_GROUPS.some((g) => action === `${g}.`) ? action : null,
      entries: await this.mapper.entries(locale, items),
      page,
      previous: page > 1 ? link(page - 1) : null,
      next: hasMore ? link(page + 1) : null,
    };
  }
}
