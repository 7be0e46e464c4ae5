export * from './app-icons';
export * from './pwa.module';
export * from './pwa.options';
export * from './service-worker';
export * from './web-app-manifest';
