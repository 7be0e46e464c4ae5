import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { loadTenants } from './config/tenant-loader';
import { Tenant } from './config/tenant';
import { RequestContext } from './resolution/request-context';
import { TenancyHook } from './resolution/tenancy.hook';
import { TenantContext } from './resolution/tenant-context';
import { TenantRegistry } from './resolution/tenant-registry';
import { TenantServiceGuard } from './services/tenant-service.guard';
import { TenancySettings } from './tenancy.settings';

export interface TenancyModuleOptions {
  settings: TenancySettings;
  /** Tenants already loaded (the bench generates them); read from `TENANTS_DIR` otherwise. */
  tenants?: Tenant[];
}

@Global()
@Module({})
export class TenancyModule {
  static forRoot({ settings, tenants }: TenancyModuleOptions): DynamicModule {
    return {
      module: TenancyModule,
      providers: [
        { provide: TenancySettings, useValue: settings },
        { provide: TenantRegistry, useFactory: () => new TenantRegistry(tenants ?? loadTenants(settings.TENANTS_DIR)) },
        RequestContext,
        TenantContext,
        TenancyHook,
        { provide: APP_GUARD, useClass: TenantServiceGuard },
      ],
      exports: [TenancySettings, TenantRegistry, RequestContext, TenantContext, TenancyHook],
    };
  }
}
