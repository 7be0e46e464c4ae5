export * from './locale';
export * from './page.decorator';
export * from './page.interceptor';
export * from './page-result';
export * from './strings';
export * from './view-engine';
export * from './views.module';
export * from './date-format';
