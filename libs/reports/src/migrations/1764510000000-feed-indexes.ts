import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public feed orders by (created_at DESC, id DESC): an index in that very
 * order spares a sort step, and one led by category serves the category
 * filter without walking the whole feed (docs/benchmarks.md, Reports).
 */
export class FeedIndexes1764510000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX reports_feed`);
    await db.query(`CREATE INDEX reports_feed ON reports (tenant_id, created_at DESC, id DESC) WHERE privacy = 'public'`);
    await db.query(
      `CREATE INDEX reports_feed_category ON reports (tenant_id, category_code, created_at DESC, id DESC) WHERE privacy = 'public'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX reports_feed_category`);
    await db.query(`DROP INDEX reports_feed`);
    await db.query(`CREATE INDEX reports_feed ON reports (tenant_id, created_at DESC, id) WHERE privacy = 'public'`);
  }
}
