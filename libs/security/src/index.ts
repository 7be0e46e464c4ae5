import { RateLimitWindows1765030000000 } from './migrations/1765030000000-rate-limit-windows';

export * from './cookies';
export * from './csrf.decorator';
export * from './csrf.guard';
export * from './csrf.service';
export * from './rate-limiter';
export * from './rate-limit/rate-limit.store';
export * from './rate-limit/memory-rate-limit.store';
export * from './rate-limit/postgres-rate-limit.store';
export * from './rate-limit/redis-rate-limit.store';
export * from './security.module';
export * from './security.settings';
export * from './server-keys';
export * from './web-request';

export const SECURITY_MIGRATIONS = [RateLimitWindows1765030000000];
