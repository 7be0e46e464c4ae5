import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '@app/database';

/** Citizen reports, their timeline, photos, supports and the daily ticket counters. */
export class Reports1764500000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_counters (
        tenant_id text    NOT NULL,
        day       date    NOT NULL,
        last      integer NOT NULL,
        PRIMARY KEY (tenant_id, day)
      )`);
    await db.query(`
      CREATE TABLE reports (
        tenant_id            text             NOT NULL,
        id                   uuid             NOT NULL DEFAULT gen_random_uuid(),
        ticket_no            text             NOT NULL,
        category_code        text             NOT NULL,
        region_code          text,
        latitude             double precision NOT NULL,
        longitude            double precision NOT NULL,
        address              text             NOT NULL DEFAULT '',
        description          text             NOT NULL,
        privacy              text             NOT NULL CHECK (privacy IN ('private', 'public')),
        status               text             NOT NULL,
        state                text             NOT NULL CHECK (state IN ('open', 'closed')),
        agency_code          text             NOT NULL,
        reporter_account_id  uuid,
        reporter_contact     text,
        tracking_token_hash  text             NOT NULL,
        idempotency_key      text,
        details              jsonb            NOT NULL DEFAULT '{}',
        supports_count       integer          NOT NULL DEFAULT 0,
        rating               smallint         CHECK (rating BETWEEN 1 AND 5),
        rating_comment       text,
        handoff_target       text,
        created_at           timestamptz      NOT NULL DEFAULT now(),
        updated_at           timestamptz      NOT NULL DEFAULT now(),
        due_at               timestamptz      NOT NULL,
        escalated_at         timestamptz,
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, ticket_no)
      )`);
    // A retried submission finds the first one by its key, never making a second.
    await db.query(`CREATE UNIQUE INDEX reports_idempotency ON reports (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    // The public feed: public reports of a tenant, newest first.
    await db.query(`CREATE INDEX reports_feed ON reports (tenant_id, created_at DESC, id) WHERE privacy = 'public'`);
    // Officers' queues: an agency's open reports by due time.
    await db.query(`CREATE INDEX reports_queue ON reports (tenant_id, agency_code, state, due_at)`);
    await db.query(
      `CREATE INDEX reports_reporter ON reports (tenant_id, reporter_account_id, created_at DESC) WHERE reporter_account_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE report_events (
        tenant_id         text        NOT NULL,
        report_id         uuid        NOT NULL,
        seq               integer     NOT NULL,
        kind              text        NOT NULL,
        from_status       text,
        to_status         text,
        agency_code       text,
        actor_account_id  uuid,
        actor_role        text        NOT NULL,
        note              text,
        data              jsonb       NOT NULL DEFAULT '{}',
        created_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, report_id, seq),
        FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE report_photos (
        tenant_id     text        NOT NULL,
        id            uuid        NOT NULL DEFAULT gen_random_uuid(),
        report_id     uuid        NOT NULL,
        kind          text        NOT NULL CHECK (kind IN ('report', 'before', 'after')),
        storage_key   text        NOT NULL,
        content_type  text        NOT NULL,
        bytes         integer     NOT NULL,
        width         integer     NOT NULL,
        height        integer     NOT NULL,
        sha256        text        NOT NULL,
        phash         text        NOT NULL,
        uploaded_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX report_photos_report ON report_photos (tenant_id, report_id)`);
    await db.query(`CREATE INDEX report_photos_evidence ON report_photos (tenant_id, kind, sha256)`);
    await db.query(`
      CREATE TABLE report_supports (
        tenant_id   text        NOT NULL,
        report_id   uuid        NOT NULL,
        supporter   text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, report_id, supporter),
        FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
      )`);
    await tenantTable(db, 'report_counters', ['SELECT', 'INSERT', 'UPDATE']);
    await tenantTable(db, 'reports', ['SELECT', 'INSERT', 'UPDATE']);
    // The timeline is history: appended to, never rewritten.
    await tenantTable(db, 'report_events', ['SELECT', 'INSERT']);
    await tenantTable(db, 'report_photos', ['SELECT', 'INSERT']);
    await tenantTable(db, 'report_supports', ['SELECT', 'INSERT']);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE report_supports, report_photos, report_events, reports, report_counters');
  }
}
