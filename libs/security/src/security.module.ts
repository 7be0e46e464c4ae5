import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { TenantDatabase } from '@app/database';
import { CSRF_SECRET, CsrfService } from './csrf.service';
import { CsrfGuard } from './csrf.guard';
import { MemoryRateLimitStore } from './rate-limit/memory-rate-limit.store';
import { PostgresRateLimitStore } from './rate-limit/postgres-rate-limit.store';
import { RATE_LIMIT_STORE, RateLimitStore } from './rate-limit/rate-limit.store';
import { RedisRateLimitStore } from './rate-limit/redis-rate-limit.store';
import { RateLimiter } from './rate-limiter';
import { SecuritySettings } from './security.settings';
import { ServerKeys } from './server-keys';

export interface SecurityModuleOptions {
  settings: SecuritySettings;
  /** True when DATABASE_URL names a PostgreSQL server (shared by instances), false on the embedded PGlite. */
  databaseIsShared: boolean;
}

/** Cross-cutting web security: CSRF on every form, rate limiting, cookies, server-derived keys. */
@Global()
@Module({})
export class SecurityModule implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  static forRoot({ settings, databaseIsShared }: SecurityModuleOptions): DynamicModule {
    return {
      module: SecurityModule,
      providers: [
        { provide: SecuritySettings, useValue: settings },
        { provide: CSRF_SECRET, useFactory: () => sessionSecret(settings) },
        {
          provide: RATE_LIMIT_STORE,
          inject: [TenantDatabase],
          useFactory: (db: TenantDatabase) => rateLimitStore(settings, databaseIsShared, db),
        },
        RateLimiter,
        CsrfService,
        CsrfGuard,
        ServerKeys,
        { provide: APP_GUARD, useExisting: CsrfGuard },
      ],
      exports: [SecuritySettings, RateLimiter, CsrfService, CsrfGuard, ServerKeys, RATE_LIMIT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.store instanceof RedisRateLimitStore) await this.store.close();
  }
}

/** Redis when REDIS_URL is set, else PostgreSQL when the database is a server, else memory (the embedded default: one instance). */
export function rateLimitStore(settings: SecuritySettings, databaseIsShared: boolean, db: TenantDatabase): RateLimitStore {
  const store = settings.REDIS_URL
    ? new RedisRateLimitStore(settings.REDIS_URL)
    : databaseIsShared
      ? new PostgresRateLimitStore(db)
      : new MemoryRateLimitStore();
  new Logger('Security').log(`rate limits counted in ${store.name}`);
  return store;
}

/** SESSION_SECRET, or outside production (settings validation enforces that) a random one for this process. */
function sessionSecret(settings: SecuritySettings): Buffer {
  if (settings.SESSION_SECRET) return Buffer.from(settings.SESSION_SECRET, 'utf8');
  new Logger('Security').warn(
    'SESSION_SECRET is unset: using a random secret for this process (forms expire on restart); set it in production',
  );
  return randomBytes(32);
}
