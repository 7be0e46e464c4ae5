import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DatabaseSettings } from '@app/database';
import { Report, ReportEvent, ReportPhoto, ReportSupport } from './entities';
import { EscalationService } from './escalation.service';
import { LocalDiskPhotoStorage, PhotoStorage } from './photos/photo-storage';
import { PendingPhotos } from './photos/pending-photos';
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
import { ReportChartsRepository } from './report-charts.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Report, ReportEvent, ReportPhoto, ReportSupport])],
  controllers: [
    ReportsApiController, ReportPhotosController, AreasApiController,
    ReportsPageController, ReportFormPageController, ReportTrackPageController, MyReportsPageController, ReportFeedPageController,
    ReportPlacesController, ConsolePageController,
  ],
  providers: [
    ReportRepository,
    ReportsService,
    ReportActionsService,
    EscalationService,
    ReportPagesMapper,
    PendingPhotos,
    ConsolePagesMapper,
    BulkDispositionService,
    ReportStatsRepository,
    ReportStatsService,
    ReportChartsRepository,
    // Photos on local disk beside the embedded database by default; an S3-compatible store implements PhotoStorage later.
    { provide: PhotoStorage, inject: [DatabaseSettings], useFactory: (s: DatabaseSettings) => new LocalDiskPhotoStorage(join(s.DATA_DIR, 'uploads')) },
  ],
  exports: [ReportsService, ReportActionsService, EscalationService, ReportStatsService, PhotoStorage],
})
export class ReportsModule {}
