import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '@app/database';

/**
 * News (JakWarta): articles with two-person publishing, and their timeline.
 * The database itself holds the line JAKI's defacement crossed: nothing is
 * published without a reviewer other than its author, a published article's
 * content cannot change, and publishing only follows review.
 */
export class News1764900000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    // Editors write articles, reviewers publish them.
    await db.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_role_check`);
    await db.query(`ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
      CHECK (role IN ('citizen', 'officer', 'validator', 'admin', 'editor', 'reviewer'))`);

    await db.query(`
      CREATE TABLE news_articles (
        tenant_id           text        NOT NULL,
        id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
        slug                text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
        title               text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        summary             text        NOT NULL DEFAULT '' CHECK (length(summary) <= 500),
        body_markdown       text        NOT NULL CHECK (length(body_markdown) <= 100000),
        cover_photo_key     text,
        cover_content_type  text        CHECK (cover_content_type IN ('image/jpeg', 'image/png', 'image/webp')),
        status              text        NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'unpublished')),
        author_account_id   uuid        NOT NULL,
        author_name         text        NOT NULL,
        submitted_at        timestamptz,
        reviewed_by         uuid,
        published_at        timestamptz,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, slug),
        FOREIGN KEY (tenant_id, author_account_id) REFERENCES accounts (tenant_id, id),
        FOREIGN KEY (tenant_id, reviewed_by) REFERENCES accounts (tenant_id, id),
        CHECK ((cover_photo_key IS NULL) = (cover_content_type IS NULL)),
        -- The reviewer who publishes is never the author.
        CONSTRAINT news_articles_reviewer_not_author CHECK (reviewed_by IS NULL OR reviewed_by <> author_account_id),
        -- A published article has a reviewer and a publish time.
        CONSTRAINT news_articles_published_reviewed CHECK (status <> 'published' OR (reviewed_by IS NOT NULL AND published_at IS NOT NULL))
      )`);
    // The portal's list: a tenant's published articles, newest first.
    await db.query(`CREATE INDEX news_articles_published ON news_articles (tenant_id, published_at DESC, id) WHERE status = 'published'`);
    await db.query(`CREATE INDEX news_articles_status ON news_articles (tenant_id, status, updated_at DESC)`);

    // Transitions the workflow allows, checked again by the database: publishing only after review,
    // and content changes only on a draft (an unpublished article's edit makes it a draft again).
    await db.query(`
      CREATE FUNCTION news_articles_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.status <> 'draft' THEN
            RAISE EXCEPTION 'news article must start as a draft' USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END IF;
        IF NEW.author_account_id <> OLD.author_account_id OR NEW.id <> OLD.id OR NEW.tenant_id <> OLD.tenant_id THEN
          RAISE EXCEPTION 'news article author and identity are fixed' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.status <> OLD.status AND NOT (
             (OLD.status = 'draft'       AND NEW.status = 'in_review')
          OR (OLD.status = 'in_review'   AND NEW.status IN ('published', 'draft'))
          OR (OLD.status = 'published'   AND NEW.status = 'unpublished')
          OR (OLD.status = 'unpublished' AND NEW.status IN ('draft', 'in_review'))
        ) THEN
          RAISE EXCEPTION 'news article cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.title, NEW.summary, NEW.body_markdown, NEW.slug, NEW.cover_photo_key) IS DISTINCT FROM
           (OLD.title, OLD.summary, OLD.body_markdown, OLD.slug, OLD.cover_photo_key)
           AND NOT (OLD.status IN ('draft', 'unpublished') AND NEW.status = 'draft') THEN
          RAISE EXCEPTION 'news article content can change only as a draft' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER news_articles_guard BEFORE INSERT OR UPDATE ON news_articles FOR EACH ROW EXECUTE FUNCTION news_articles_guard()`,
    );

    await db.query(`
      CREATE TABLE news_events (
        tenant_id         text        NOT NULL,
        article_id        uuid        NOT NULL,
        seq               integer     NOT NULL CHECK (seq > 0),
        kind              text        NOT NULL CHECK (kind IN ('created', 'edited', 'submitted', 'published', 'rejected', 'unpublished')),
        actor_account_id  uuid        NOT NULL,
        actor_name        text        NOT NULL,
        note              text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, article_id, seq),
        FOREIGN KEY (tenant_id, article_id) REFERENCES news_articles (tenant_id, id)
      )`);
    // Articles are unpublished, never deleted; the timeline is history, appended to only.
    await tenantTable(db, 'news_articles', ['SELECT', 'INSERT', 'UPDATE']);
    await tenantTable(db, 'news_events', ['SELECT', 'INSERT']);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE news_events, news_articles');
    await db.query('DROP FUNCTION news_articles_guard()');
    await db.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_role_check`);
    await db.query(`ALTER TABLE accounts ADD CONSTRAINT accounts_role_check CHECK (role IN ('citizen', 'officer', 'validator', 'admin'))`);
  }
}
