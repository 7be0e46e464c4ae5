import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { RevisionsModule } from '@app/revisions';
import { FeedsAdminMapper } from './admin/feeds-admin.mapper';
import { FeedsAdminPageController } from './admin/feeds-admin.page.controller';
import { FeedFetcher } from './fetch/feed-fetcher';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';
import { FeedsSettings } from './feeds.settings';
import { FeedPagesMapper } from './pages/feed-pages.mapper';
import { FeedsPageController } from './pages/feeds.page.controller';
import { FeedPuller } from './pull/feed-puller';
import { FeedScheduler } from './pull/feed-scheduler';

/** Public data feeds (food prices, air quality, job vacancies): pulls on the job queue, pages, widgets, console. */
@Module({
  imports: [RevisionsModule, AccountsModule],
  controllers: [FeedsPageController, FeedsAdminPageController],
  providers: [FeedsRepository, FeedFetcher, FeedPuller, FeedScheduler, FeedsService, FeedPagesMapper, FeedsAdminMapper],
  exports: [FeedsService, FeedPagesMapper, FeedPuller, FeedScheduler],
})
export class FeedsModule {
  static forRoot({ settings }: { settings: FeedsSettings }): DynamicModule {
    return { module: FeedsModule, providers: [{ provide: FeedsSettings, useValue: settings }] };
  }
}
