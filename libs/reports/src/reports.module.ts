import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@app/accounts';
import { Report, ReportEvent, ReportPhoto, ReportSupport } from './entities';
import { EscalationService } from './escalation.service';
import { ReportEvents } from './events/report-events';
import { ReportAccountCleanup } from './notifications/report-account-cleanup';
import { ReportMailNotifier } from './notifications/report-mail.notifier';
import { ReportSubscription } from './notifications/report-subscription.entity';
import { ReportSubscriptionRepository } from './notifications/report-subscription.repository';
import { ReportPlacesController } from './pages/report-places.controller';
import { ReportActionsService } from './report-actions.service';
import { ReportPhotosController } from './report-photos.controller';
import { ReportRepository } from './report.repository';
import { ReportsApiController } from './reports.api.controller';
import { AreasApiController } from './areas/areas.api.controller';
import { ConsolePageController } from './console/console.page.controller';
import { ConsolePagesMapper } from './console/console-pages.mapper';
import { BulkDispositionService } from './console/bulk-disposition.service';
import { MyReportsPageController } from './pages/my-reports.page.controller';
import { ReportFeedPageController } from './pages/report-feed.page.controller';
import { ReportFormPageController } from './pages/report-form.page.controller';
import { ReportPagesMapper } from './pages/report-pages.mapper';
import { ReportTrackPageController } from './pages/report-track.page.controller';
import { ReportsPageController } from './pages/reports.page.controller';
import { ReportsService } from './reports.service';
import { ReportStatsRepository } from './report-stats.repository';
import { ReportStatsService } from './report-stats.service';
import { NearbyApiController } from './nearby/nearby.api.controller';
import { NearbyReportsService } from './nearby/nearby-reports.service';
import { ReportChartsRepository } from './report-charts.repository';

@Module({
  // AccountsModule: the reporter's address for notifications, and the account deletion hook.
  imports: [TypeOrmModule.forFeature([Report, ReportEvent, ReportPhoto, ReportSupport, ReportSubscription]), AccountsModule],
  controllers: [
    ReportsApiController,
    ReportPhotosController,
    AreasApiController,
    ReportsPageController,
    ReportFormPageController,
    ReportTrackPageController,
    MyReportsPageController,
    ReportFeedPageController,
    ReportPlacesController,
    ConsolePageController,
    NearbyApiController,
  ],
  providers: [
    ReportRepository,
    ReportsService,
    ReportActionsService,
    EscalationService,
    ReportPagesMapper,
    ConsolePagesMapper,
    BulkDispositionService,
    ReportStatsRepository,
    ReportStatsService,
    ReportEvents,
    ReportSubscriptionRepository,
    ReportMailNotifier,
    ReportAccountCleanup,
    NearbyReportsService,
    ReportChartsRepository,
  ],
  exports: [ReportsService, ReportActionsService, EscalationService, ReportStatsService, ReportEvents],
})
export class ReportsModule {}
