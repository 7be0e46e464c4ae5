import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { Open311Module } from '@app/open311';
import { ReportsModule } from '@app/reports';
import { AdminAuditPageController } from './admin-audit.page.controller';
import { AdminDashboardPageController } from './admin-dashboard.page.controller';
import { AdminKeysPageController } from './admin-keys.page.controller';
import { AdminSecurityPageController } from './admin-security.page.controller';
import { AdminUsersPageController } from './admin-users.page.controller';
import { DashboardChartsMapper } from './charts/dashboard-charts.mapper';
import { AuditEntriesMapper } from './audit-entries.mapper';

/**
 * The tenant admin console's own pages: dashboard, users and roles, Open311
 * keys, audit log, the admin's two-factor settings. Thin controllers over the
 * domain libraries' exported services; config pages (revisions) and news
 * live in their libraries and share the navigation partial `admin-nav`.
 */
@Module({
  imports: [AccountsModule, Open311Module, ReportsModule],
  controllers: [
    AdminDashboardPageController,
    AdminUsersPageController,
    AdminKeysPageController,
    AdminAuditPageController,
    AdminSecurityPageController,
  ],
  providers: [DashboardChartsMapper, AuditEntriesMapper],
})
export class AdminModule {}
