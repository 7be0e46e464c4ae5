import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '@app/database';

/**
 * Rate-limit windows shared by every instance on the database (used when
 * DATABASE_URL is a server and no REDIS_URL is set). UNLOGGED: counters need
 * no crash safety and skip the WAL; a crash forgets them, as a restart of an
 * in-memory limiter would.
 */
export class RateLimitWindows1765030000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE rate_limit_windows (
        tenant_id text NOT NULL,
        action    text NOT NULL,
        key       text NOT NULL,
        count     integer NOT NULL,
        reset_at  timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, action, key)
      )`);
    await db.query(`CREATE INDEX rate_limit_windows_reset ON rate_limit_windows (tenant_id, reset_at)`);
    await tenantTable(db, 'rate_limit_windows', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limit_windows`);
  }
}
