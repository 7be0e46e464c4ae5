import { Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';

export type ReadinessCheck = () => Promise<unknown>;

export interface Readiness {
  ready: boolean;
  /** Each dependency `up` or `down`; nothing else (no hosts, no errors, no tenants). */
  checks: Record<string, 'up' | 'down'>;
}

/**
 * Liveness and readiness, checked with @nestjs/terminus: the database always,
 * and whatever other shared store a library registers (Redis, object storage)
 * when it is configured. Readiness goes down as soon as a shutdown begins, so
 * the load balancer stops sending before the server stops listening.
 */
@Injectable()
export class HealthService {
  private readonly extra = new Map<string, ReadinessCheck>();
  private shuttingDown = false;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** A shared dependency this instance cannot serve without; `check` rejects when it is down. */
  registerCheck(name: string, check: ReadinessCheck): void {
    this.extra.set(name, check);
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async readiness(): Promise<Readiness> {
    const names = ['database', ...this.extra.keys()];
    const checks = Object.fromEntries(names.map((n) => [n, 'down' as const])) as Record<string, 'up' | 'down'>;
    if (this.shuttingDown) return { ready: false, checks };
    const result = await this.health
      .check([
        () => this.database.pingCheck('database').withTimeout(2000),
        ...[...this.extra].map(
          ([name, check]) =>
            () =>
              this.indicators
                .check(name)
                .attempt(async () => void (await check()))
                .withTimeout(2000),
        ),
      ])
      .catch((e: { response?: unknown }) => e.response as { status?: string; info?: object } | undefined);
    for (const name of Object.keys(result?.info ?? {})) checks[name] = 'up';
    return { ready: result?.status === 'ok', checks };
  }
}
