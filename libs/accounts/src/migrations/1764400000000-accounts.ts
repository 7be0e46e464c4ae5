import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '@app/database';

/** Accounts (citizens and staff) and their sessions; only a hash of each session token is stored. */
export class Accounts1764400000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE accounts (
        tenant_id      text        NOT NULL,
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        email          text        NOT NULL CHECK (email = lower(email)),
        password_hash  text        NOT NULL,
        display_name   text        NOT NULL,
        role           text        NOT NULL CHECK (role IN ('citizen', 'officer', 'validator', 'admin')),
        agency_code    text,
        region_code    text,
        disabled_at    timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await db.query(`CREATE UNIQUE INDEX accounts_tenant_email_key ON accounts (tenant_id, lower(email))`);
    // Accounts are disabled, never deleted by the app: reports and audit trails refer to them.
    await tenantTable(db, 'accounts', ['SELECT', 'INSERT', 'UPDATE']);

    await db.query(`
      CREATE TABLE sessions (
        tenant_id     text        NOT NULL,
        token_hash    text        NOT NULL,
        account_id    uuid        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        last_seen_at  timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX sessions_tenant_account_idx ON sessions (tenant_id, account_id)`);
    await tenantTable(db, 'sessions', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE sessions');
    await db.query('DROP TABLE accounts');
  }
}
