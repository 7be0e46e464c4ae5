import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DatabaseSettings } from '@app/database';
import { LocalDiskPhotoStorage } from '@app/reports';
import { NewsAdminPageController } from './admin/news-admin.page.controller';
import { NewsArticle, NewsEvent } from './entities';
import { NewsCoverStorage } from './news-cover-storage';
import { NewsEditorialService } from './news-editorial.service';
import { NewsRepository } from './news.repository';
import { NewsService } from './news.service';
import { NewsPageController } from './pages/news.page.controller';
import { NewsPagesMapper } from './pages/news-pages.mapper';

@Module({
  imports: [TypeOrmModule.forFeature([NewsArticle, NewsEvent])],
  controllers: [NewsPageController, NewsAdminPageController],
  providers: [
    NewsRepository,
    NewsService,
    NewsEditorialService,
    NewsPagesMapper,
    // Covers beside the report photos, under `<tenant>/news/`; an S3-compatible store implements PhotoStorage later.
    { provide: NewsCoverStorage, inject: [DatabaseSettings], useFactory: (s: DatabaseSettings) => new LocalDiskPhotoStorage(join(s.DATA_DIR, 'uploads')) },
  ],
  exports: [NewsService, NewsEditorialService],
})
export class NewsModule {}
