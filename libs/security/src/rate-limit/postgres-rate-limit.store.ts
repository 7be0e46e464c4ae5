import { TenantDatabase } from '@app/database';
import { RateKey, RateLimitStore, RateWindow } from './rate-limit.store';

/**
 * Counts in PostgreSQL, shared by every instance on the database: one row per
 * window in `rate_limit_windows` (UNLOGGED: counters need no crash safety,
 * and skipping the WAL keeps them cheap; a tenant table under RLS like every
 * other). One atomic upsert per hit opens, counts or restarts the window.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  readonly name = 'postgres' as const;
  private hits = 0;

  constructor(
    private readonly db: TenantDatabase,
    private readonly sweepEvery = 1000,
  ) {}

  async hit({ action, key }: RateKey, windowMs: number, now: number): Promise<RateWindow> {
    const sweep = ++this.hits % this.sweepEvery === 0;
    return this.db.transaction(async (m) => {
      if (sweep) await m.query(`DELETE FROM rate_limit_windows WHERE reset_at <= $1`, [new Date(now)]);
      const [row] = await m.query<{ count: number; reset_at: Date }[]>(
        `INSERT INTO rate_limit_windows AS w (tenant_id, action, key, count, reset_at)
         VALUES (current_setting('app.tenant_id'), $1, $2, 1, $4)
         ON CONFLICT (tenant_id, action, key) DO UPDATE SET
           count    = CASE WHEN w.reset_at <= $3 THEN 1 ELSE w.count + 1 END,
           reset_at = CASE WHEN w.reset_at <= $3 THEN EXCLUDED.reset_at ELSE w.reset_at END
         RETURNING count, reset_at`,
        [action, key, new Date(now), new Date(now + windowMs)],
      );
      return { count: Number(row.count), resetAt: new Date(row.reset_at).getTime() };
    });
  }

  async reset({ action, key }: RateKey): Promise<void> {
    await this.db.transaction((m) => m.query(`DELETE FROM rate_limit_windows WHERE action = $1 AND key = $2`, [action, key]));
  }
}
