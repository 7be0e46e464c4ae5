export * from './news-article.entity';
export * from './news-event.entity';
