import { Controller, Get, Query } from '@nestjs/common';
import { Authenticated } from '@app/accounts';
import { AuditService } from '@app/audit';
import { parseIsoInZone } from '@app/config';
import { Locale, TenantContext } from '@app/tenancy';
import { Page, PageLocale, ViewEngine } from '@app/views';
import { AuditFilterQuery } from './admin-forms';
import { formatTime, isoTime } from './admin-format';

const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** /admin/audit: the tenant's audit log, newest first, filtered by action prefix, actor and date range; read-only. */
@Controller('admin/audit')
@Authenticated({ roles: ['admin'] })
export class AdminAuditPageController {
  constructor(private readonly audit: AuditService, private readonly context: TenantContext, private readonly views: ViewEngine) {}

  @Get()
  @Page('admin-audit')
  async list(@PageLocale() locale: Locale, @Query() q: AuditFilterQuery) {
    const tenant = this.context.tenant;
    const zone = tenant.config.timezone;
    const page = Math.min(Math.max(Number.parseInt(q.page ?? '1', 10) || 1, 1), 10_000);
    const from = q.from && DAY.test(q.from) ? parseIsoInZone(`${q.from}T00:00:00`, zone) ?? undefined : undefined;
    // `to` is inclusive of its whole day.
    const toStart = q.to && DAY.test(q.to) ? parseIsoInZone(`${q.to}T00:00:00`, zone) : null;
    const to = toStart ? new Date(toStart.getTime() + 24 * 3600_000) : undefined;
    const action = q.action?.trim() || undefined;
    const actor = q.actor?.trim() || undefined;
    const { items, hasMore } = await this.audit.find({ action, actor, from, to, page, pageSize: PAGE_SIZE });
    const filters = { action: action ?? '', actor: actor ?? '', from: from ? q.from! : '', to: to ? q.to! : '' };
    const link = (p: number) => `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), page: String(p) }).toString()}`;
    return {
      title: this.views.text(tenant, locale, 'admin.audit.title'),
      adminSection: 'audit',
      filters,
      entries: items.map((e) => ({
        at: formatTime(e.at, zone, locale), atIso: isoTime(e.at, zone), actor: e.actorLabel, action: e.action, target: e.target, summary: e.summary, ip: e.ip ?? '',
        changes: Object.keys(e.changes ?? {}).length ? JSON.stringify(e.changes) : '',
      })),
      page,
      previous: page > 1 ? link(page - 1) : null,
      next: hasMore ? link(page + 1) : null,
    };
  }
}
