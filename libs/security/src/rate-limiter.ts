import { Injectable } from '@nestjs/common';
import { TenantContext } from '@app/tenancy';
import { Clock } from '@app/config';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets; 0 when allowed. */
  retryAfterSeconds: number;
}

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Fixed windows, counted in memory, keyed by tenant, action and key (say
 * `jakarta:sign-in:203.0.113.5:warga@example.id`). A window opens at a key's
 * first attempt and lasts `windowMs`.
 *
 * Per instance: with several instances behind a load balancer each counts on
 * its own, so the effective limit is multiplied by the number of instances.
 * A shared store (PostgreSQL or Redis) is the later step.
 *
 * Memory is bounded: expired windows are swept every so often and, at
 * `maxKeys`, the oldest windows are evicted first.
 */
@Injectable()
export class RateLimiter {
  static readonly MAX_KEYS = 100_000;
  private readonly windows = new Map<string, Window>();
  private operations = 0;
  /** The most keys held at once. */
  maxKeys = RateLimiter.MAX_KEYS;

  constructor(private readonly context: TenantContext, private readonly clock: Clock) {}

  consume(action: string, key: string, { limit, windowMs }: RateLimit): RateDecision {
    const now = this.clock.now().getTime();
    const id = this.keyOf(action, key);
    if (++this.operations % 1000 === 0) this.sweep(now);
    let window = this.windows.get(id);
    if (!window || window.resetAt <= now) {
      if (window) this.windows.delete(id);
      this.makeRoom(now);
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(id, window);
    }
    if (window.count >= limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    window.count++;
    return { allowed: true, retryAfterSeconds: 0 };
  }

  /** Forgets a key's attempts (say, after a successful sign-in). */
  reset(action: string, key: string): void {
    this.windows.delete(this.keyOf(action, key));
  }

  get size(): number {
    return this.windows.size;
  }

  private keyOf(action: string, key: string): string {
    return `${this.context.tenant.slug}:${action}:${key}`;
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    this.sweep(now);
    // Still full: evict the oldest insertions (a Map iterates in insertion order).
    for (const id of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(id);
    }
  }

  private sweep(now: number): void {
    for (const [id, window] of this.windows) if (window.resetAt <= now) this.windows.delete(id);
  }
}
