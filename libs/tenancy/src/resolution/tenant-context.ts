import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { Tenant } from '../config/tenant';

export const TENANT_KEY = 'replika.tenant';

export class NoTenantContextError extends Error {
  constructor() {
    super('no tenant in context: tenant data may only be read inside a request or TenantContext.run()');
  }
}

/**
 * The tenant of the current request or job, carried by AsyncLocalStorage.
 * Fails closed: asking for the tenant outside a context throws, it never
 * answers `undefined` to code that would then read every tenant's rows.
 */
@Injectable()
export class TenantContext {
  constructor(private readonly cls: ClsService) {}

  get tenant(): Tenant {
    const tenant = this.cls.isActive() ? this.cls.get<Tenant | undefined>(TENANT_KEY) : undefined;
    if (!tenant) throw new NoTenantContextError();
    return tenant;
  }

  get hasTenant(): boolean {
    return this.cls.isActive() && this.cls.get(TENANT_KEY) !== undefined;
  }

  /** Runs `fn` as `tenant`: for the CLI, background jobs and tests. */
  run<T>(tenant: Tenant, fn: () => T): T {
    return this.cls.run(() => {
      this.cls.set(TENANT_KEY, tenant);
      return fn();
    });
  }

  /** Sets the tenant of the context the caller is already in (the request middleware). */
  enter(tenant: Tenant): void {
    this.cls.set(TENANT_KEY, tenant);
  }
}
