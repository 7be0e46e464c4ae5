import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, tenantTable } from '@app/database';

/**
 * Data feeds: every pull of a source (its outcome and, when it failed, why),
 * the rows pulled (one per series and date, so the table is the history the
 * trend charts draw), and the food-price comparison across provinces.
 */
export class Feeds1765090000417 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE feed_pulls (
        tenant_id      text        NOT NULL,
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        feed           text        NOT NULL CHECK (length(feed) BETWEEN 1 AND 60),
        trigger        text        NOT NULL CHECK (trigger IN ('schedule', 'admin')),
        status         text        NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
        -- Why a pull failed, as a code the pages translate (timeout, too-large, private-address, ...), and its detail.
        reason         text        CHECK (reason ~ '^[a-z-]{1,40}$'),
        detail         text        CHECK (length(detail) <= 1000),
        http_status    integer,
        bytes          integer,
        rows_accepted  integer     NOT NULL DEFAULT 0,
        rows_rejected  integer     NOT NULL DEFAULT 0,
        -- A few rejected rows with their reasons, for the console.
        rejects        jsonb       NOT NULL DEFAULT '[]',
        started_at     timestamptz NOT NULL,
        finished_at    timestamptz,
        PRIMARY KEY (tenant_id, id),
        CHECK ((status = 'failed') = (reason IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX feed_pulls_latest ON feed_pulls (tenant_id, feed, started_at DESC)`);

    await db.query(`
      CREATE TABLE feed_rows (
        tenant_id    text        NOT NULL,
        feed         text        NOT NULL,
        -- item, place and region (and link) joined: one series of figures over time.
        series       text        NOT NULL CHECK (length(series) <= 1200),
        observed_at  timestamptz NOT NULL,
        item         text        NOT NULL CHECK (length(item) BETWEEN 1 AND 200),
        place        text        CHECK (length(place) <= 200),
        region       text        CHECK (length(region) <= 200),
        value        numeric,
        unit         text        CHECK (length(unit) <= 20),
        link         text        CHECK (length(link) <= 2000),
        pull_id      uuid        NOT NULL,
        PRIMARY KEY (tenant_id, feed, series, observed_at),
        FOREIGN KEY (tenant_id, pull_id) REFERENCES feed_pulls (tenant_id, id)
      )`);
    await db.query(`CREATE INDEX feed_rows_latest ON feed_rows (tenant_id, feed, observed_at DESC)`);

    // Written by each tenant's own pull job (the tenant policy checks every write), and only for a food-price
    // source whose config says `compare: true`; the job deletes its rows when that is turned off, and the
    // reader also keeps only tenants whose config opts in at that moment. Reading it across tenants is the
    // point, so besides the usual policy it has one more, for SELECT only: any tenant context may read it.
    // That second policy is on this table alone, which holds nothing but published daily averages; every
    // other table (feed_rows included) stays readable by its own tenant only. No SECURITY DEFINER function:
    // with FORCE ROW LEVEL SECURITY its owner would be filtered too, unless a superuser, which production's
    // owner need not be.
    await db.query(`
      CREATE TABLE feed_price_comparison (
        tenant_id     text        NOT NULL,
        feed          text        NOT NULL,
        commodity_key text        NOT NULL CHECK (length(commodity_key) BETWEEN 1 AND 200),
        commodity     text        NOT NULL CHECK (length(commodity) BETWEEN 1 AND 200),
        observed_on   date        NOT NULL,
        average       numeric     NOT NULL,
        unit          text,
        markets       integer     NOT NULL CHECK (markets > 0),
        published_at  timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, feed, commodity_key, observed_on)
      )`);
    await db.query(`CREATE INDEX feed_price_comparison_commodity ON feed_price_comparison (commodity_key, observed_on DESC)`);

    // Pulls are history: recorded and finished, never deleted. Rows are replaced by later pulls of the same date.
    await tenantTable(db, 'feed_pulls', ['SELECT', 'INSERT', 'UPDATE']);
    await tenantTable(db, 'feed_rows', ['SELECT', 'INSERT', 'UPDATE']);
    await tenantTable(db, 'feed_price_comparison', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
    await db.query(`
      CREATE POLICY published_comparison ON feed_price_comparison FOR SELECT TO ${APP_ROLE}
        USING (nullif(current_setting('app.tenant_id', true), '') IS NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE feed_price_comparison, feed_rows, feed_pulls');
  }
}
