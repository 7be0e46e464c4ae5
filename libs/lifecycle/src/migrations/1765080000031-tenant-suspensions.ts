import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '@app/database';

/**
 * The operator's list of suspended tenants (`npm run tenant -- suspend`).
 * Not a tenant table: it holds no tenant's data, every instance reads all of
 * it at boot and on each announcement, and only the owner (the CLI) writes
 * it, so no request, even one inside a tenant's transaction, can lift a
 * suspension. On Citus it is a reference table (docs/scaling.md).
 */
export class TenantSuspensions1765080000031 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenant_suspensions (
        slug          text        PRIMARY KEY,
        suspended_at  timestamptz NOT NULL DEFAULT now(),
        reason        text        NOT NULL DEFAULT ''
      )`);
    await db.query(`GRANT SELECT ON tenant_suspensions TO ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE tenant_suspensions');
  }
}
