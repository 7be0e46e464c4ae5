import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '@app/database';

/** The admin overlay of tenant config: one merge patch per revision, the latest in force. */
export class ConfigRevisions1764300000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE config_revisions (
        tenant_id   text        NOT NULL,
        revision    integer     NOT NULL CHECK (revision > 0),
        patch       jsonb       NOT NULL,
        author      text        NOT NULL,
        message     text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, revision)
      )`);
    // Revisions are history: the app may add one, never rewrite or remove one.
    await tenantTable(db, 'config_revisions', ['SELECT', 'INSERT']);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE config_revisions');
  }
}
