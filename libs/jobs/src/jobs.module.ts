import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseConnection } from '@app/database';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobQueue } from './job-queue';
import { JobsSettings } from './jobs.settings';
import { PgBossJobQueue } from './pg-boss-job-queue';
import { TenantJobRunner } from './tenant-job-runner';

export interface JobsModuleOptions {
  settings: JobsSettings;
}

/** The job queue: pg-boss on a PostgreSQL server, in-process on the embedded PGlite. */
@Global()
@Module({})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(JobQueue) private readonly queue: JobQueue) {}

  static forRoot({ settings }: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      providers: [
        TenantJobRunner,
        { provide: JobsSettings, useValue: settings },
        {
          provide: JobQueue,
          inject: [DatabaseConnection, TenantJobRunner],
          useFactory: (db: DatabaseConnection, runner: TenantJobRunner): Promise<JobQueue> | JobQueue =>
            db.isEmbedded
              ? new InProcessJobQueue(runner, settings.JOB_WORKERS)
              : PgBossJobQueue.start({ url: db.settings.DATABASE_URL!, workers: settings.JOB_WORKERS }, runner),
        },
      ],
      exports: [JobQueue, JobsSettings],
    };
  }

  /** A safety net: the graceful shutdown drains the queue first (GracefulShutdown); stopping twice is a no-op. */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.stop(1000);
  }
}
