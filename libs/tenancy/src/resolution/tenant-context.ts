import { Injectable } from '@nestjs/common';
import { Tenant } from '../config/tenant';
import { RequestContext } from './request-context';

const TENANT = Symbol('replika.tenant');

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
  constructor(private readonly context: RequestContext) {}

  get tenant(): Tenant {
    const tenant = this.context.get<Tenant>(TENANT);
    if (!tenant) throw new NoTenantContextError();
    return tenant;
  }

  get hasTenant(): boolean {
    return this.context.get(TENANT) !== undefined;
  }

  /** Runs `fn` as `tenant` in a context of its own: for the CLI, background jobs and tests. */
  run<T>(tenant: Tenant, fn: () => T): T {
    return this.context.run(() => {
      this.context.set(TENANT, tenant);
      return fn();
    });
  }
}
