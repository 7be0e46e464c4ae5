export * from './observability.settings';
export * from './observability.module';
export * from './platform-metrics';
export * from './health.service';
export * from './request-observer';
export * from './metrics-server';
