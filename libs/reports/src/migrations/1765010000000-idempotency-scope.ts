import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Idempotency-Key answers only its own submitter with its own request
 * (issue 7, defect 1): the fingerprint of both is kept beside the key. Reports
 * stored before have none, so a replay of their keys is refused (422) rather
 * than trusted.
 */
export class IdempotencyScope1765010000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE reports ADD COLUMN idempotency_fingerprint text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE reports DROP COLUMN idempotency_fingerprint`);
  }
}
