import Redis from 'ioredis';
import { RateKey, RateLimitStore, RateWindow } from './rate-limit.store';

/** INCR, and on the window's first hit its expiry, in one atomic step; answers the count and the milliseconds left. */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;

type WithHit = Redis & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Counts in Redis (REDIS_URL), shared by every instance: one key per window,
 * `replika:rl:<tenant>:<action>:<key>`, expiring with it. The expiry is
 * Redis's own clock, so windows end on time on every instance.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly name = 'redis' as const;
  private readonly redis: WithHit;

  constructor(url: string) {
    // Fail fast rather than queue: a request waits for at most one retry, then the limiter falls back to memory.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false }) as WithHit;
    this.redis.on('error', () => undefined); // reported by the failing command, through the limiter's fallback
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT });
  }

  async hit(key: RateKey, windowMs: number, now: number): Promise<RateWindow> {
    const [count, ttl] = await this.redis.rateLimitHit(redisKey(key), windowMs);
    return { count: Number(count), resetAt: now + Number(ttl) };
  }

  async reset(key: RateKey): Promise<void> {
    await this.redis.del(redisKey(key));
  }

  /** Rejects while Redis cannot answer (readiness). */
  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function redisKey({ tenant, action, key }: RateKey): string {
  return `replika:rl:${tenant}:${action}:${key}`;
}
