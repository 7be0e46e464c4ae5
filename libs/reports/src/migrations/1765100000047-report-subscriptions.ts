import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '@app/database';

/** The e-mail an anonymous reporter left to hear of their report (one per report), its tracking token sealed. */
export class ReportSubscriptions1765100000047 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_subscriptions (
        tenant_id     text        NOT NULL,
        report_id     uuid        NOT NULL,
        email         text        NOT NULL,
        locale        text        NOT NULL,
        sealed_token  text,
        created_at    timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, report_id),
        FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
      )`);
    await tenantTable(db, 'report_subscriptions', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE report_subscriptions');
  }
}
