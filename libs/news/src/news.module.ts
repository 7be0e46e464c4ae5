import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NewsAdminPageController } from './admin/news-admin.page.controller';
import { NewsArticle, NewsEvent } from './entities';
import { NewsEditorialService } from './news-editorial.service';
import { NewsRepository } from './news.repository';
import { NewsService } from './news.service';
import { NewsPageController } from './pages/news.page.controller';
import { NewsPagesMapper } from './pages/news-pages.mapper';

@Module({
  imports: [TypeOrmModule.forFeature([NewsArticle, NewsEvent])],
  controllers: [NewsPageController, NewsAdminPageController],
  providers: [NewsRepository, NewsService, NewsEditorialService, NewsPagesMapper],
  exports: [NewsService, NewsEditorialService],
})
export class NewsModule {}
