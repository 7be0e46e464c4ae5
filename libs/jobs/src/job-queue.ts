/** How a kind of job is retried when its handler throws. */
export interface JobKind {
  /** Attempts after the first. */
  retryLimit: number;
  /** Seconds before the first retry. */
  retryDelaySeconds: number;
  /** Double the delay on each retry (30 s, 60 s, 120 s…). */
  retryBackoff: boolean;
  /** A run taking longer than this is counted as failed (and retried). */
  expireInSeconds: number;
}

export const DEFAULT_JOB_KIND: JobKind = { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 };

export interface SendOptions {
  /** With `singletonSeconds`: one job per key per time slot of that many seconds (a second send in the slot is dropped). */
  singletonKey?: string;
  singletonSeconds?: number;
}

/** Every job belongs to one tenant: its handler runs in that tenant's context, so repositories run under its RLS. */
export interface TenantJob<T = object> {
  id: string;
  name: string;
  tenant: string;
  data: T;
}

export type JobHandler<T = object> = (job: TenantJob<T>) => Promise<void>;

/** What a queue stores: the tenant beside the payload. */
export interface JobPayload<T = object> {
  tenant: string;
  data: T;
}

/**
 * Background work, once per cluster. Two drivers: pg-boss on a PostgreSQL
 * server (several instances share the queue; a job is fetched by one with
 * SKIP LOCKED), and an in-process runner on the embedded PGlite (one
 * instance by construction). Handlers never see a job without its tenant.
 */
export abstract class JobQueue {
  /** Enqueues `name` for `tenant`; null when a singleton send was dropped. */
  abstract send<T extends object>(name: string, tenant: string, data: T, options?: SendOptions): Promise<string | null>;

  /**
   * Declares a kind of job and, when this instance runs workers (JOB_WORKERS),
   * works it: each job's handler runs inside `TenantContext.run(job.tenant)`.
   */
  abstract work<T extends object>(name: string, kind: Partial<JobKind>, handler: JobHandler<T>): Promise<void>;

  /**
   * Once per cluster on a cron (UTC), sends `name` for each tenant `tenants()`
   * returns at that moment. The tick itself carries no tenant and does nothing
   * else: tenant work always happens in a tenant job.
   */
  abstract schedule(name: string, cron: string, tenants: () => string[]): Promise<void>;

  /** Jobs waiting (queued or waiting for a retry), per kind. */
  abstract depth(): Promise<Record<string, number>>;

  /** Stops taking jobs, lets the running ones finish (up to `timeoutMs`), then lets go of the database. */
  abstract stop(timeoutMs?: number): Promise<void>;
}

/** The tick queue of a schedule. */
export function tickName(name: string): string {
  return `${name}__tick`;
}
