import { Injectable } from '@nestjs/common';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { JobHandler, TenantJob } from './job-queue';

/** A job for a tenant this deployment does not serve (removed since it was sent): failed, never run as anyone else. */
export class UnknownJobTenantError extends Error {
  constructor(tenant: string, name: string) {
    super(`job ${name} names tenant '${tenant}', which is not served here`);
  }
}

/** Runs a job's handler as its tenant: the same context a request gets, so RLS scopes every query to that tenant. */
@Injectable()
export class TenantJobRunner {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
  ) {}

  run<T>(job: TenantJob<T>, handler: JobHandler<T>): Promise<void> {
    const tenant = this.registry.get(job.tenant);
    if (!tenant) return Promise.reject(new UnknownJobTenantError(job.tenant, job.name));
    // A suspended tenant takes no writes, background work included: its job is done without running.
    if (this.registry.isSuspended(tenant.slug)) return Promise.resolve();
    return this.context.run(tenant, () => handler(job));
  }
}
