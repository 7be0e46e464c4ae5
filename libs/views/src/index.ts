export * from './locale';
export * from './page.decorator';
export * from './page.interceptor';
export * from './strings';
export * from './view-engine';
export * from './views.module';
