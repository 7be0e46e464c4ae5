import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { parseExpression } from 'cron-parser';
import { DEFAULT_JOB_KIND, JobHandler, JobKind, JobQueue, SendOptions, TenantJob, tickName } from './job-queue';
import { TenantJobRunner } from './tenant-job-runner';

interface Kind {
  kind: JobKind;
  // Each name carries one data type; the map of kinds holds every name's, so here they are just objects.
  handler?: JobHandler<object>;
  waiting: TenantJob<object>[];
  retrying: number;
  busy: boolean;
}

/**
 * The queue on the embedded PGlite: the same contract as pg-boss, kept in
 * memory. PGlite is one process's database (a lock file keeps others out),
 * so "once per cluster" is this process; pg-boss itself cannot run there
 * (see the README: its connections would share PGlite's single session with
 * the application's). Jobs not yet run are lost with the process, like the
 * minute-timer this replaces; schedules simply fire again.
 */
export class InProcessJobQueue extends JobQueue {
  private readonly logger = new Logger('Jobs');
  private readonly kinds = new Map<string, Kind>();
  private readonly singletons = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly runner: TenantJobRunner,
    private readonly workers: boolean,
  ) {
    super();
  }

  send<T extends object>(name: string, tenant: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const kind = this.kindOf(name);
    if (options.singletonKey !== undefined && options.singletonSeconds) {
      const slot = `${name}|${options.singletonKey}|${Math.floor(Date.now() / 1000 / options.singletonSeconds)}`;
      if (this.singletons.has(slot)) return Promise.resolve(null);
      this.singletons.add(slot);
      this.later(() => this.singletons.delete(slot), options.singletonSeconds * 1000);
    }
    const job: TenantJob<T> = { id: randomUUID(), name, tenant, data };
    kind.waiting.push(job);
    this.pump(name);
    return Promise.resolve(job.id);
  }

  work<T extends object>(name: string, kind: Partial<JobKind>, handler: JobHandler<T>): Promise<void> {
    const k = this.kindOf(name);
    k.kind = { ...DEFAULT_JOB_KIND, ...kind };
    if (!this.workers) return Promise.resolve();
    k.handler = handler as JobHandler<object>;
    this.pump(name);
    return Promise.resolve();
  }

  schedule(name: string, cron: string, tenants: () => string[]): Promise<void> {
    if (!this.workers) return Promise.resolve();
    const interval = parseExpression(cron, { tz: 'UTC' });
    const arm = (): void => {
      const next = interval.next().getTime();
      this.later(
        () => {
          for (const tenant of tenants()) void this.send(name, tenant, {}, { singletonKey: tenant, singletonSeconds: 60 });
          arm();
        },
        Math.max(0, next - Date.now()),
      );
    };
    arm();
    this.kindOf(tickName(name));
    return Promise.resolve();
  }

  depth(): Promise<Record<string, number>> {
    return Promise.resolve(Object.fromEntries([...this.kinds].map(([name, k]) => [name, k.waiting.length + k.retrying])));
  }

  async stop(timeoutMs = 25_000): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([Promise.allSettled([...this.running]), deadline]);
  }

  private kindOf(name: string): Kind {
    let k = this.kinds.get(name);
    if (!k) this.kinds.set(name, (k = { kind: DEFAULT_JOB_KIND, waiting: [], retrying: 0, busy: false }));
    return k;
  }

  /** One job at a time per kind, like a pg-boss worker with a batch of one. */
  private pump(name: string): void {
    const k = this.kinds.get(name)!;
    if (this.stopped || !k.handler || k.waiting.length === 0 || k.busy) return;
    k.busy = true;
    const job = k.waiting.shift()!;
    const run = this.attempt(k, job, 0).finally(() => {
      this.running.delete(run);
      k.busy = false;
      this.pump(name);
    });
    this.running.add(run);
  }

  private async attempt(k: Kind, job: TenantJob<object>, retry: number): Promise<void> {
    try {
      await this.runner.run(job, k.handler!);
    } catch (error) {
      const { retryLimit, retryDelaySeconds, retryBackoff } = k.kind;
      if (retry >= retryLimit || this.stopped) {
        this.logger.error(`job ${job.name} for ${job.tenant} failed for good: ${(error as Error).message}`);
        return;
      }
      const delay = retryDelaySeconds * 1000 * (retryBackoff ? 2 ** retry : 1);
      this.logger.warn(`job ${job.name} for ${job.tenant} failed (${(error as Error).message}); retry ${retry + 1} in ${delay / 1000} s`);
      k.retrying++;
      this.later(() => {
        k.retrying--;
        const run = this.attempt(k, job, retry + 1).finally(() => this.running.delete(run));
        this.running.add(run);
      }, delay);
    }
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }
}
