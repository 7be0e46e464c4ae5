import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { resolve } from 'node:path';
import { resolveForServing } from './config/tenant-loader';
import { readTenantFolders, TenantFolders } from './config/tenant-folder';
import { Tenant } from './config/tenant';
import { RequestContext } from './resolution/request-context';
import { TenancyHook } from './resolution/tenancy.hook';
import { TenantContext } from './resolution/tenant-context';
import { TenantRegistry } from './resolution/tenant-registry';
import { TenantUrls } from './resolution/tenant-urls';
import { TenantServiceGuard } from './services/tenant-service.guard';
import { TenancySettings } from './tenancy.settings';

/** The tenant folders as read at boot (`TenantFolders`). */
export const TENANT_FOLDERS = Symbol('TENANT_FOLDERS');

export interface TenancyModuleOptions {
  settings: TenancySettings;
  /** Tenants already loaded (the bench generates them); read from `TENANTS_DIR` otherwise. */
  tenants?: Tenant[];
}

/**
 * In production an invalid tenant answers 503 on its hosts while the others
 * serve; in development and tests any problem stops the boot (as `validate` fails in CI).
 */
export function quarantinesInvalidTenants(settings: TenancySettings): boolean {
  return settings.NODE_ENV === 'production';
}

@Global()
@Module({})
export class TenancyModule {
  static forRoot({ settings, tenants }: TenancyModuleOptions): DynamicModule {
    return {
      module: TenancyModule,
      providers: [
        { provide: TenancySettings, useValue: settings },
        // The folders are read once at boot: the registry is resolved from them, and the admin overlay re-resolves from them too.
        { provide: TENANT_FOLDERS, useFactory: () => readTenantFolders(resolve(settings.TENANTS_DIR)) },
        {
          provide: TenantRegistry,
          inject: [TENANT_FOLDERS],
          useFactory: (folders: TenantFolders) => {
            if (tenants) return new TenantRegistry(tenants);
            const logger = new Logger('Tenancy');
            const served = resolveForServing(folders, undefined, quarantinesInvalidTenants(settings), (line) => logger.error(line));
            return new TenantRegistry(served.tenants, served.quarantined);
          },
        },
        RequestContext,
        TenantContext,
        TenantUrls,
        TenancyHook,
        { provide: APP_GUARD, useClass: TenantServiceGuard },
      ],
      exports: [TENANT_FOLDERS, TenancySettings, TenantRegistry, RequestContext, TenantContext, TenantUrls, TenancyHook],
    };
  }
}
