import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '@app/database';

/**
 * Password reset by e-mail: one row per link sent, only the token's sha256
 * stored, used once (used_at) and expiring. Sessions get a public id (the
 * session list ends one by it; the token hash never leaves the server) and a
 * coarse device label ("Chrome · Android", never the raw User-Agent).
 * Accounts get deleted_at: a citizen's deletion scrubs the row's personal
 * data and keeps the row, which reports and audit trails still refer to.
 */
export class PasswordResetsAndSessions1765100000031 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE password_resets (
        tenant_id    text        NOT NULL,
        token_hash   text        NOT NULL,
        account_id   uuid        NOT NULL,
        created_at   timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        used_at      timestamptz,
        PRIMARY KEY (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX password_resets_tenant_account_idx ON password_resets (tenant_id, account_id)`);
    await tenantTable(db, 'password_resets', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

    await db.query(`ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(), ADD COLUMN device text`);
    await db.query(`CREATE UNIQUE INDEX sessions_tenant_id_key ON sessions (tenant_id, id)`);
    await db.query(`ALTER TABLE accounts ADD COLUMN deleted_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE accounts DROP COLUMN deleted_at');
    await db.query('DROP INDEX sessions_tenant_id_key');
    await db.query('ALTER TABLE sessions DROP COLUMN id, DROP COLUMN device');
    await db.query('DROP TABLE password_resets');
  }
}
