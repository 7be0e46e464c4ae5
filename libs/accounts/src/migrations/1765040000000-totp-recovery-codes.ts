import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP recovery codes: the SHA-256 of each unused one, as a JSON array on the
 * account. Using one removes it in the same UPDATE that checks it, so a code
 * works once even under concurrent sign-ins. accounts keeps its RLS policy.
 */
export class TotpRecoveryCodes1765040000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE accounts ADD COLUMN totp_recovery_hashes jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE accounts DROP COLUMN totp_recovery_hashes');
  }
}
