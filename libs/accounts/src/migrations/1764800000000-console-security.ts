import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '@app/database';

/**
 * Console security: TOTP two-factor sign-in (the secret, encrypted at rest,
 * when it was confirmed, and the last time step used, so a code cannot be
 * replayed), sessions that wait for the second factor, and staff invitations
 * (only a hash of each one-time link's token is stored).
 */
export class ConsoleSecurity1764800000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE accounts ADD COLUMN totp_secret text, ADD COLUMN totp_enabled_at timestamptz, ADD COLUMN last_totp_step bigint`,
    );
    // A pending session has passed the password but not yet the TOTP code: it signs nobody in.
    await db.query(`ALTER TABLE sessions ADD COLUMN pending_totp boolean NOT NULL DEFAULT false`);

    await db.query(`
      CREATE TABLE account_invitations (
        tenant_id    text        NOT NULL,
        token_hash   text        NOT NULL,
        account_id   uuid        NOT NULL,
        created_at   timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        accepted_at  timestamptz,
        PRIMARY KEY (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX account_invitations_tenant_account_idx ON account_invitations (tenant_id, account_id)`);
    await tenantTable(db, 'account_invitations', ['SELECT', 'INSERT', 'UPDATE']);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE account_invitations');
    await db.query('ALTER TABLE sessions DROP COLUMN pending_totp');
    await db.query('ALTER TABLE accounts DROP COLUMN totp_secret, DROP COLUMN totp_enabled_at, DROP COLUMN last_totp_step');
  }
}
