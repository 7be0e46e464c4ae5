/** One counter: a tenant, an action (`sign-in`, `totp`, `report-submit`…) and the key counted (an account, an address…). */
export interface RateKey {
  tenant: string;
  action: string;
  key: string;
}

/** A fixed window: hits counted so far (this one included) and when the window ends (ms since the epoch). */
export interface RateWindow {
  count: number;
  resetAt: number;
}

/**
 * Where rate-limit counts live. A window opens at a key's first hit and lasts
 * `windowMs`; `hit` counts one more, atomically, even with many instances on
 * one store. Three drivers: Redis (REDIS_URL), PostgreSQL (DATABASE_URL on a
 * server), memory (the embedded default, one instance).
 */
export interface RateLimitStore {
  readonly name: 'redis' | 'postgres' | 'memory';
  hit(key: RateKey, windowMs: number, now: number): Promise<RateWindow>;
  reset(key: RateKey): Promise<void>;
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
