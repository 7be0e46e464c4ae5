import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DEFAULT_JOB_KIND, JobHandler, JobKind, JobPayload, JobQueue, SendOptions, tickName } from './job-queue';
import { TenantJobRunner } from './tenant-job-runner';

export interface PgBossOptions {
  /** The schema owner's URL: pg-boss creates and migrates its own schema (`pgboss`), which holds no tenant data. */
  url: string;
  workers: boolean;
  /** Seconds between checks of the schedules (cluster-wide: one instance checks per interval). */
  cronMonitorSeconds?: number;
}

/**
 * The queue on a PostgreSQL server: jobs in pg-boss's tables, fetched with
 * SKIP LOCKED, so of all the instances exactly one runs each job; a handler
 * that throws is retried with backoff; a schedule's tick is sent once per
 * cron slot for the whole cluster (pg-boss keeps the schedules in the
 * database and lets one instance at a time check them).
 */
export class PgBossJobQueue extends JobQueue {
  private readonly logger = new Logger('Jobs');
  private readonly kinds = new Set<string>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly runner: TenantJobRunner,
    private readonly workers: boolean,
  ) {
    super();
  }

  static async start(options: PgBossOptions, runner: TenantJobRunner): Promise<PgBossJobQueue> {
    const boss = new PgBoss({
      connectionString: options.url,
      application_name: 'replika-jobs',
      max: 3,
      schema: 'pgboss',
      // Only workers keep the queue: expire stuck jobs, archive old ones, check the schedules.
      supervise: options.workers,
      schedule: options.workers,
      cronMonitorIntervalSeconds: options.cronMonitorSeconds ?? 10,
      cronWorkerIntervalSeconds: 2,
    });
    const queue = new PgBossJobQueue(boss, runner, options.workers);
    boss.on('error', (error) => queue.logger.error(`queue: ${error.message}`));
    await boss.start();
    return queue;
  }

  async send<T extends object>(name: string, tenant: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const payload: JobPayload<T> = { tenant, data };
    return this.boss.send(name, payload, { singletonKey: options.singletonKey, singletonSeconds: options.singletonSeconds });
  }

  async work<T extends object>(name: string, kind: Partial<JobKind>, handler: JobHandler<T>): Promise<void> {
    const k = { ...DEFAULT_JOB_KIND, ...kind };
    await this.define(name, k);
    if (!this.workers) return;
    await this.boss.work<JobPayload<T>>(name, async ([job]) => {
      await this.runner.run({ id: job.id, name, tenant: job.data.tenant, data: job.data.data }, handler);
    });
  }

  async schedule(name: string, cron: string, tenants: () => string[]): Promise<void> {
    const tick = tickName(name);
    // A tick that fails half-way is retried; the tenants it already reached are not sent twice in the slot.
    await this.define(tick, { ...DEFAULT_JOB_KIND, retryLimit: 2, retryDelaySeconds: 5, expireInSeconds: 60 });
    await this.boss.schedule(tick, cron, {}, { tz: 'UTC' });
    if (!this.workers) return;
    await this.boss.work(tick, async () => {
      for (const tenant of tenants()) await this.send(name, tenant, {}, { singletonKey: tenant, singletonSeconds: 60 });
    });
  }

  async depth(): Promise<Record<string, number>> {
    const depths: Record<string, number> = {};
    for (const name of this.kinds) depths[name] = await this.boss.getQueueSize(name);
    return depths;
  }

  async stop(timeoutMs = 25_000): Promise<void> {
    // Waits for the running jobs; any still running at the deadline are failed and so retried by another instance.
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
  }

  private async define(name: string, kind: JobKind): Promise<void> {
    const options = {
      retryLimit: kind.retryLimit,
      retryDelay: kind.retryDelaySeconds,
      retryBackoff: kind.retryBackoff,
      expireInSeconds: kind.expireInSeconds,
    };
    // createQueue is idempotent (ON CONFLICT DO NOTHING); updateQueue applies changed retry settings from a new release.
    await this.boss.createQueue(name, { name, ...options });
    await this.boss.updateQueue(name, { name, ...options });
    this.kinds.add(name);
  }
}
