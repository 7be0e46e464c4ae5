import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportsModule } from '@app/reports';
import { BrandingPageController } from './admin/branding.page.controller';
import { CollectionsPageController } from './admin/collections.page.controller';
import { RevisionsPageController } from './admin/revisions.page.controller';
import { ReadinessPageController } from './admin/readiness.page.controller';
import { AccountsModule } from '@app/accounts';
import { ServicesPageController } from './admin/services.page.controller';
import { ConfigRevision } from './config-revision.entity';
import { ConfigRevisionRepository } from './config-revision.repository';
import { TenantConfigListener } from './tenant-config.listener';
import { TenantConfigService } from './tenant-config.service';
import { TenantFolderWatcher } from './tenant-folder.watcher';
import { TenantOverlayLoader } from './tenant-overlay.loader';
import { TenantReloader } from './tenant-reloader';
import { TenantSources } from './tenant-sources';

/** The admin overlay of tenant config: revisions, their live application, and the console's config pages. */
@Module({
  imports: [TypeOrmModule.forFeature([ConfigRevision]), ReportsModule, AccountsModule],
  controllers: [
    BrandingPageController,
    ServicesPageController,
    CollectionsPageController,
    RevisionsPageController,
    ReadinessPageController,
  ],
  providers: [
    ConfigRevisionRepository,
    TenantOverlayLoader,
    TenantSources,
    TenantReloader,
    TenantConfigService,
    TenantConfigListener,
    TenantFolderWatcher,
  ],
  exports: [ConfigRevisionRepository, TenantConfigService, TenantReloader],
})
export class RevisionsModule {}
