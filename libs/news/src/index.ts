export * from './news.module';
