import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { CSRF_SECRET, CsrfService } from './csrf.service';
import { CsrfGuard } from './csrf.guard';
import { RateLimiter } from './rate-limiter';
import { SecuritySettings } from './security.settings';
import { ServerKeys } from './server-keys';

export interface SecurityModuleOptions {
  settings: SecuritySettings;
}

/** Cross-cutting web security: CSRF on every form, rate limiting, cookies. */
@Global()
@Module({})
export class SecurityModule {
  static forRoot({ settings }: SecurityModuleOptions): DynamicModule {
    return {
      module: SecurityModule,
      providers: [
        { provide: SecuritySettings, useValue: settings },
        { provide: CSRF_SECRET, useFactory: () => sessionSecret(settings) },
        RateLimiter,
        CsrfService,
        CsrfGuard,
        ServerKeys,
        { provide: APP_GUARD, useExisting: CsrfGuard },
      ],
      exports: [SecuritySettings, RateLimiter, CsrfService, CsrfGuard, ServerKeys],
    };
  }
}

/** SESSION_SECRET, or outside production (settings validation enforces that) a random one for this process. */
function sessionSecret(settings: SecuritySettings): Buffer {
  if (settings.SESSION_SECRET) return Buffer.from(settings.SESSION_SECRET, 'utf8');
  new Logger('Security').warn('SESSION_SECRET is unset: using a random secret for this process (forms expire on restart); set it in production');
  return randomBytes(32);
}
