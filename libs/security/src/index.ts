export * from './cookies';
export * from './csrf.decorator';
export * from './csrf.guard';
export * from './csrf.service';
export * from './rate-limiter';
export * from './security.module';
export * from './security.settings';
export * from './web-request';
