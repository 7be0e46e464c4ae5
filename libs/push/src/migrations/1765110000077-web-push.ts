import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '@app/database';

/**
 * Web Push: each tenant's VAPID key pair (made the first time the tenant needs
 * it, so no private key is ever in the repository, the tenant folders or the
 * environment), and the browsers subscribed to hear of reports: a signed-in
 * citizen's (every report of the account) or an anonymous reporter's (one report).
 */
export class WebPush1765110000077 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE push_vapid_keys (
        tenant_id    text        NOT NULL PRIMARY KEY,
        public_key   text        NOT NULL,
        private_key  text        NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    // Made once, never changed: changing the pair would silently orphan every subscription.
    await tenantTable(db, 'push_vapid_keys', ['SELECT', 'INSERT']);
    await db.query(`
      CREATE TABLE push_subscriptions (
        tenant_id   text        NOT NULL,
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        endpoint    text        NOT NULL CHECK (length(endpoint) <= 2000),
        p256dh      text        NOT NULL,
        auth        text        NOT NULL,
        account_id  uuid,
        report_id   uuid,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CHECK (account_id IS NOT NULL OR report_id IS NOT NULL),
        FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE,
        UNIQUE NULLS NOT DISTINCT (tenant_id, endpoint, account_id, report_id)
      )`);
    await db.query(`CREATE INDEX push_subscriptions_account ON push_subscriptions (tenant_id, account_id) WHERE account_id IS NOT NULL`);
    await db.query(`CREATE INDEX push_subscriptions_report ON push_subscriptions (tenant_id, report_id) WHERE report_id IS NOT NULL`);
    await tenantTable(db, 'push_subscriptions', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE push_subscriptions');
    await db.query('DROP TABLE push_vapid_keys');
  }
}
