import { DynamicModule, Global, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { JobQueue } from '@app/jobs';
import { MediaStorage } from '@app/media';
import { RATE_LIMIT_STORE, RateLimitStore, RedisRateLimitStore } from '@app/security';
import { HealthService } from './health.service';
import { ObservabilitySettings } from './observability.settings';
import { PlatformMetrics } from './platform-metrics';
import { RequestObserver } from './request-observer';

export interface ObservabilityModuleOptions {
  settings: ObservabilitySettings;
}

/** Request logs and metrics, health and readiness. */
@Global()
@Module({})
export class ObservabilityModule implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: PlatformMetrics,
    private readonly health: HealthService,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly storage: MediaStorage,
    @Inject(RATE_LIMIT_STORE) private readonly rateLimits: RateLimitStore,
  ) {}

  static forRoot({ settings }: ObservabilityModuleOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      providers: [{ provide: ObservabilitySettings, useValue: settings }, PlatformMetrics, HealthService, RequestObserver],
      exports: [ObservabilitySettings, PlatformMetrics, HealthService, RequestObserver],
    };
  }

  onApplicationBootstrap(): void {
    const pool = (this.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    this.metrics.setSources({
      pool: () => pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount },
      queueDepth: () => this.jobs.depth(),
    });
    // Readiness: the file store always (a replica that cannot store photos cannot take reports), Redis when REDIS_URL set it up.
    this.health.registerCheck('storage', () => this.storage.check());
    const store = this.rateLimits;
    if (store instanceof RedisRateLimitStore) this.health.registerCheck('redis', () => store.ping());
  }
}
