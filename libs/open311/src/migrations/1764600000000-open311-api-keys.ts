import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '@app/database';

/** Open311 API keys, per tenant: only a SHA-256 of each key is kept, with its first characters for display. */
export class Open311ApiKeys1764600000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE open311_api_keys (
        tenant_id     text        NOT NULL,
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        key_hash      text        NOT NULL,
        key_prefix    text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        revoked_at    timestamptz,
        last_used_at  timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, key_hash)
      )`);
    // Keys are revoked, never deleted: the app may add and update (revoke, last use), not remove.
    await tenantTable(db, 'open311_api_keys', ['SELECT', 'INSERT', 'UPDATE']);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE open311_api_keys');
  }
}
