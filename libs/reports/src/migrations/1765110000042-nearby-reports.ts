import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Similar reports nearby look for open reports of one category inside a small
 * box of latitude and longitude: an index led by the category, on open reports
 * only, holds exactly those (no PostGIS needed, and PGlite has none).
 */
export class NearbyReports1765110000042 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX reports_nearby ON reports (tenant_id, category_code, latitude, longitude) WHERE state = 'open'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX reports_nearby`);
  }
}
