import { Client, QueryResultRow } from 'pg';
import { TENANT_LIFECYCLE_CHANNEL } from './suspended-tenants.listener';
import { redactContacts } from './personal-data';

/** Ephemeral per-deployment counters: never exported, imported or purged. */
const NOT_EXPORTED = new Set(['rate_limit_windows']);
/** Triggers that guard the app's own writes (workflow rules), switched off while history is copied in as it was. */
const GUARD_TRIGGERS: Record<string, string[]> = { news_articles: ['news_articles_guard'] };

/** An import turned down before anything was written (the tenant has data, the archive does not fit). */
export class ImportRefused extends Error {}

export interface Actor {
  label: string;
}

export interface PurgeCounts {
  accounts: number;
  sessions: number;
  reports: number;
  events: number;
}

/**
 * Every query of the tenant lifecycle commands. They run as the schema owner
 * (DATABASE_URL), because they do what the application role may not: write
 * the suspension list, copy history in, rewrite personal data in append-only
 * tables. Each runs in one transaction that also sets `app.tenant_id` (so
 * forced row-level security admits this tenant's rows only, when the owner is
 * not a superuser) and names `tenant_id = $1` in every statement; each is
 * audited in that same transaction, in the tenant's own audit log.
 */
export class TenantLifecycleRepository {
  constructor(private readonly client: Client) {}

  static async connect(url: string): Promise<TenantLifecycleRepository> {
    const client = new Client({ connectionString: url });
    await client.connect();
    const repo = new TenantLifecycleRepository(client);
    const migrated = await client.query<{ t: string | null }>(`SELECT to_regclass('public.tenant_suspensions') AS t`);
    if (!migrated.rows[0].t) {
      await client.end();
      throw new Error('the database is not migrated to this version: start the platform once (it migrates at boot)');
    }
    return repo;
  }

  close(): Promise<void> {
    return this.client.end();
  }

  async isSuspended(slug: string): Promise<boolean> {
    return (await this.client.query('SELECT 1 FROM tenant_suspensions WHERE slug = $1', [slug])).rowCount === 1;
  }

  /** Suspends the tenant on every instance (they LISTEN); false when it already was. */
  suspend(slug: string, reason: string, actor: Actor): Promise<boolean> {
    return this.inTenant(slug, async () => {
      const added = await this.client.query('INSERT INTO tenant_suspensions (slug, reason) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        slug,
        reason,
      ]);
      if (added.rowCount === 0) return false;
      await this.audit(slug, actor, 'tenant.suspend', reason ? `suspended: ${reason}` : 'suspended', { reason });
      await this.client.query('SELECT pg_notify($1, $2)', [TENANT_LIFECYCLE_CHANNEL, slug]);
      return true;
    });
  }

  resume(slug: string, actor: Actor): Promise<boolean> {
    return this.inTenant(slug, async () => {
      const removed = await this.client.query('DELETE FROM tenant_suspensions WHERE slug = $1', [slug]);
      if (removed.rowCount === 0) return false;
      await this.audit(slug, actor, 'tenant.resume', 'resumed', {});
      await this.client.query('SELECT pg_notify($1, $2)', [TENANT_LIFECYCLE_CHANNEL, slug]);
      return true;
    });
  }

  /** The tenant tables, parents before the tables whose foreign keys refer to them. */
  async tenantTables(): Promise<string[]> {
    const tables: string[] = (
      await this.client.query(`
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
       ORDER BY c.relname`)
    ).rows
      .map((r: { relname: string }) => r.relname)
      .filter((t: string) => !NOT_EXPORTED.has(t));
    const edges = (
      await this.client.query<{ child: string; parent: string }>(`
      SELECT con.conrelid::regclass::text AS child, con.confrelid::regclass::text AS parent
        FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
       WHERE n.nspname = 'public' AND con.contype = 'f' AND con.conrelid <> con.confrelid`)
    ).rows;
    const ordered: string[] = [];
    const visit = (t: string, path: Set<string>) => {
      if (ordered.includes(t) || path.has(t)) return;
      path.add(t);
      for (const e of edges) if (e.child === t && tables.includes(e.parent)) visit(e.parent, path);
      ordered.push(t);
    };
    for (const t of tables) visit(t, new Set());
    return ordered;
  }

  /** Every row of the tenant, table by table, as JSON objects (the types round-trip through json_populate_recordset). */
  exportRows(slug: string, actor: Actor): Promise<Map<string, unknown[]>> {
    return this.inTenant(slug, async () => {
      const out = new Map<string, unknown[]>();
      for (const table of await this.tenantTables()) {
        const rows = await this.client.query(`SELECT row_to_json(t) AS row FROM ${quoteIdent(table)} t WHERE tenant_id = $1`, [slug]);
        out.set(
          table,
          rows.rows.map((r: { row: unknown }) => r.row),
        );
      }
      const counts = Object.fromEntries([...out].map(([t, rows]) => [t, rows.length]));
      await this.audit(slug, actor, 'tenant.export', 'all data exported', { rows: counts });
      return out;
    });
  }

  /** How many rows the tenant has in each tenant table. */
  rowCounts(slug: string): Promise<Record<string, number>> {
    return this.inTenant(slug, async () => {
      const counts: Record<string, number> = {};
      for (const table of await this.tenantTables()) {
        counts[table] = (
          await this.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(table)} WHERE tenant_id = $1`, [slug])
        ).rows[0].n;
      }
      return counts;
    });
  }

  /**
   * Throws ImportRefused when an import of these rows would be refused: the
   * tenant has any row already, a row names another tenant, or the archive
   * has a table this schema lacks (refused rather than silently dropped).
   * Writes nothing; `importRows` checks again in its own transaction.
   */
  checkImport(slug: string, tables: Map<string, unknown[]>): Promise<void> {
    return this.inTenant(slug, async () => {
      await this.refuseUnfit(slug, tables);
    });
  }

  /**
   * Copies an export in, in one transaction, refused as `checkImport` says.
   * `beforeCommit` runs once every row is in, before the audit entry (which
   * records `files`, written by the caller beforehand) and the commit: if it
   * fails, no row and no audit entry is kept.
   */
  importRows(
    slug: string,
    tables: Map<string, unknown[]>,
    actor: Actor,
    options: { files?: number; beforeCommit?: () => Promise<void> } = {},
  ): Promise<Record<string, number>> {
    return this.inTenant(slug, async () => {
      const known = await this.refuseUnfit(slug, tables);
      const counts: Record<string, number> = {};
      for (const table of known) {
        const rows = tables.get(table) ?? [];
        const guards = GUARD_TRIGGERS[table] ?? [];
        for (const g of guards) await this.client.query(`ALTER TABLE ${quoteIdent(table)} DISABLE TRIGGER ${quoteIdent(g)}`);
        for (let i = 0; i < rows.length; i += 500) {
          await this.client.query(
            `INSERT INTO ${quoteIdent(table)} SELECT * FROM json_populate_recordset(NULL::${quoteIdent(table)}, $1::json)`,
            [JSON.stringify(rows.slice(i, i + 500))],
          );
        }
        for (const g of guards) await this.client.query(`ALTER TABLE ${quoteIdent(table)} ENABLE TRIGGER ${quoteIdent(g)}`);
        counts[table] = rows.length;
      }
      await options.beforeCommit?.();
      await this.audit(slug, actor, 'tenant.import', 'all data imported', { rows: counts, files: options.files ?? 0 });
      return counts;
    });
  }

  /** The tenant tables, once the archive is known to fit them and the tenant to have none of their rows. */
  private async refuseUnfit(slug: string, tables: Map<string, unknown[]>): Promise<string[]> {
    const known = await this.tenantTables();
    const unknown = [...tables.keys()].filter((t) => !known.includes(t));
    if (unknown.length) throw new ImportRefused(`the archive has tables this deployment does not: ${unknown.join(', ')}`);
    for (const table of known) {
      const n = (await this.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(table)} WHERE tenant_id = $1`, [slug]))
        .rows[0].n;
      if (n > 0) throw new ImportRefused(`${slug} already has data here (${n} rows in ${table}): import only into an empty deployment`);
      const foreign = (tables.get(table) ?? []).find((r) => (r as { tenant_id?: unknown }).tenant_id !== slug);
      if (foreign)
        throw new ImportRefused(
          `${table}: a row of the archive belongs to '${String((foreign as { tenant_id?: unknown }).tenant_id)}', not ${slug}`,
        );
    }
    return known;
  }

  /**
   * UU PDP: removes citizens' personal data, keeping every report, its
   * category, region, status, dates and timeline, so statistics stay whole.
   * Staff accounts are kept (their names stand behind official acts in the
   * timeline and the audit log). See docs/tenant-lifecycle.md.
   */
  purgePersonal(slug: string, actor: Actor): Promise<PurgeCounts> {
    return this.inTenant(slug, async () => {
      const q = <R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []) =>
        this.client.query<R>(sql, [slug, ...params]);
      // Citizens: no name, no e-mail, no way to sign in; the row stays so reports keep a (now anonymous) reporter.
      await q(
        `DELETE FROM sessions s USING accounts a WHERE s.tenant_id = $1 AND a.tenant_id = $1 AND a.id = s.account_id AND a.role = 'citizen'`,
      );
      const sessions = (await q<{ n: number }>(`SELECT count(*)::int AS n FROM sessions WHERE tenant_id = $1`)).rows[0].n;
      const accounts = await q(`
        UPDATE accounts SET email = 'dihapus-' || id || '@anonim.invalid', display_name = 'Warga (dihapus)', password_hash = '!purged',
               totp_secret = NULL, totp_enabled_at = NULL, totp_recovery_hashes = '[]'::jsonb, disabled_at = coalesce(disabled_at, now())
         WHERE tenant_id = $1 AND role = 'citizen' AND email NOT LIKE 'dihapus-%@anonim.invalid'`);
      // Reports: the private contact goes; contact details typed into free text are redacted; the rest stays.
      const reports = (await q(`SELECT id, description, address, rating_comment, details FROM reports WHERE tenant_id = $1`)).rows as {
        id: string;
        description: string;
        address: string;
        rating_comment: string | null;
        details: unknown;
      }[];
      let changedReports = 0;
      for (const r of reports) {
        const next = {
          description: redactContacts(r.description),
          address: redactContacts(r.address),
          rating: r.rating_comment === null ? null : redactContacts(r.rating_comment),
          details: redactJson(r.details),
        };
        const res = await q(
          `
          UPDATE reports SET reporter_contact = NULL, description = $3, address = $4, rating_comment = $5, details = $6::jsonb, idempotency_fingerprint = NULL
           WHERE tenant_id = $1 AND id = $2
             AND (reporter_contact IS NOT NULL OR description <> $3 OR address <> $4 OR rating_comment IS DISTINCT FROM $5 OR details <> $6::jsonb OR idempotency_fingerprint IS NOT NULL)`,
          [r.id, next.description, next.address, next.rating, JSON.stringify(next.details)],
        );
        changedReports += res.rowCount ?? 0;
      }
      const events = (
        await q(`SELECT report_id, seq, note, data FROM report_events WHERE tenant_id = $1 AND (note IS NOT NULL OR data <> '{}'::jsonb)`)
      ).rows as { report_id: string; seq: number; note: string | null; data: unknown }[];
      let changedEvents = 0;
      for (const e of events) {
        const note = e.note === null ? null : redactContacts(e.note);
        const data = redactJson(e.data);
        if (note === e.note && JSON.stringify(data) === JSON.stringify(e.data)) continue;
        await q(`UPDATE report_events SET note = $4, data = $5::jsonb WHERE tenant_id = $1 AND report_id = $2 AND seq = $3`, [
          e.report_id,
          e.seq,
          note,
          JSON.stringify(data),
        ]);
        changedEvents++;
      }
      const counts = { accounts: accounts.rowCount ?? 0, sessions, reports: changedReports, events: changedEvents };
      await this.audit(slug, actor, 'tenant.purge-personal', "citizens' personal data removed", counts);
      return counts;
    });
  }

  private async inTenant<T>(slug: string, work: () => Promise<T>): Promise<T> {
    await this.client.query('BEGIN');
    try {
      await this.client.query(`SELECT set_config('app.tenant_id', $1, true)`, [slug]);
      const result = await work();
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      // A ROLLBACK that fails (the connection is gone, and the transaction with it) must not hide why the work failed.
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async audit(slug: string, actor: Actor, action: string, summary: string, changes: object): Promise<void> {
    await this.client.query(
      `INSERT INTO audit_log (tenant_id, actor_label, action, target, summary, changes) VALUES ($1, $2, $3, $1, $4, $5::jsonb)`,
      [slug, actor.label, action, summary, JSON.stringify(changes)],
    );
  }
}

function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactContacts(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v)]));
  return value;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table name ${name}`);
  return `"${name}"`;
}
