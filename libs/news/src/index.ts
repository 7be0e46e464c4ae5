import { News1764900000000 } from './migrations/1764900000000-news';

export * from './article-input';
export * from './entities';
export * from './markdown/markdown-renderer';
export * from './news-covers';
export * from './news-editorial.service';
export * from './news-error';
export * from './news.module';
export * from './news.repository';
export * from './news.service';
export * from './workflow/news-workflow';

export const NEWS_MIGRATIONS = [News1764900000000];
