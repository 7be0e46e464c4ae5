import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, tenantTable } from '@app/database';

/** The append-only record of every admin action: who, when, what changed, from where. */
export class AuditLog1764700000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_log (
        tenant_id         text        NOT NULL,
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        at                timestamptz NOT NULL DEFAULT now(),
        actor_account_id  uuid,
        actor_label       text        NOT NULL,
        action            text        NOT NULL,
        target            text        NOT NULL DEFAULT '',
        summary           text        NOT NULL DEFAULT '',
        changes           jsonb       NOT NULL DEFAULT '{}',
        ip                text,
        PRIMARY KEY (tenant_id, id)
      )`);
    await db.query(`CREATE INDEX audit_log_recent ON audit_log (tenant_id, at DESC)`);
    // Append-only by privilege: the application may add and read entries, never change or remove one.
    await tenantTable(db, 'audit_log', ['SELECT', 'INSERT']);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE audit_log');
  }
}
