import { Inject, Injectable, Logger } from '@nestjs/common';
import { TenantContext } from '@app/tenancy';
import { Clock } from '@app/config';
import { MemoryRateLimitStore } from './rate-limit/memory-rate-limit.store';
import { RATE_LIMIT_STORE, RateKey, RateLimitStore } from './rate-limit/rate-limit.store';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Fixed windows keyed by tenant, action and key (say `jakarta`, `sign-in`,
 * `203.0.113.5:warga@example.id`); a window opens at a key's first attempt
 * and lasts `windowMs`. Counts live in the configured RateLimitStore: Redis
 * or PostgreSQL, shared by every instance, or memory for the embedded
 * default. Keys are chosen by the callers from what the client cannot change
 * at will (an account, the address the request came from; never a header
 * such as User-Agent, and X-Forwarded-For only with TRUST_PROXY).
 *
 * When the shared store fails, this instance counts in memory meanwhile:
 * limits keep holding (per instance) instead of every request failing or
 * every limit lifting.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private readonly fallback: MemoryRateLimitStore;
  private failing = false;

  constructor(
    private readonly context: TenantContext,
    private readonly clock: Clock,
    @Inject(RATE_LIMIT_STORE) readonly store: RateLimitStore,
  ) {
    this.fallback = store instanceof MemoryRateLimitStore ? store : new MemoryRateLimitStore();
  }

  async consume(action: string, key: string, { limit, windowMs }: RateLimit): Promise<RateDecision> {
    const now = this.clock.now().getTime();
    const id = this.keyOf(action, key);
    let window;
    try {
      window = await this.store.hit(id, windowMs, now);
      if (this.failing) this.logger.log(`rate-limit store '${this.store.name}' answers again`);
      this.failing = false;
    } catch (error) {
      if (!this.failing)
        this.logger.error(`rate-limit store '${this.store.name}' failed, counting in memory meanwhile: ${(error as Error).message}`);
      this.failing = true;
      window = this.fallback.hitNow(id, windowMs, now);
    }
    if (window.count > limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    return { allowed: true, retryAfterSeconds: 0 };
  }

  /** Forgets a key's attempts (say, after a successful sign-in). */
  async reset(action: string, key: string): Promise<void> {
    const id = this.keyOf(action, key);
    await this.fallback.reset(id);
    if (this.store !== this.fallback) await this.store.reset(id).catch(() => undefined);
  }

  private keyOf(action: string, key: string): RateKey {
    return { tenant: this.context.tenant.slug, action, key };
  }
}
