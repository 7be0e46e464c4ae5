import * as pg from 'pg';

/**
 * Sets `app.tenant_id` for the implicit transaction and returns no row: a
 * volatile call in WHERE is always evaluated, and the statement answers
 * nothing that the query's result would have to skip.
 */
export const SET_TENANT_SQL = `SELECT 1 WHERE set_config('app.tenant_id', $1, true) IS NULL`;

/** What pg's Query does that its type declarations leave out. */
interface QueryInternals {
  prepare(connection: WireConnection): void;
  handleCommandComplete(msg: unknown, connection: WireConnection): void;
}

interface WireConnection {
  parse(msg: { text: string; name?: string; types?: unknown[] }): void;
  bind(msg: { portal?: string; statement?: string; values: unknown[] }): void;
  execute(msg: { portal?: string; rows?: number }): void;
}

const base = pg.Query.prototype as unknown as QueryInternals;

/** Connections on which the set_config statement is parsed (a named statement lives as long as its connection). */
const SET_TENANT_NAME = 'replika_set_tenant';
const parsedOn = new WeakSet<WireConnection>();

/**
 * One read in the tenant's scope in ONE round trip, for hot read paths (the
 * public feed): Bind/Execute of `set_config('app.tenant_id', $1, true)` (parsed once per connection),
 * then the query's own Parse (once per connection: it is a named statement)/
 * Bind/Describe/Execute, then a single Sync. Without an explicit BEGIN the
 * extended protocol runs everything before a Sync in one implicit
 * transaction, so the setting is transaction-local exactly as in
 * `TenantDatabase.transaction` (BEGIN, set_config, query, COMMIT: four round
 * trips) and is gone when the Sync commits; row-level security applies as
 * always. pg writes the messages corked, so they leave in one packet.
 *
 * Both statements are named and parsed once per connection. pg marks a named
 * statement parsed at the first ParseComplete, which may be set_config's, and
 * set_config's own is marked when sent: after any error the caller must
 * discard the connection (`release(err)`) rather than reuse it with that
 * bookkeeping in doubt.
 */
export class TenantScopedQuery<R extends pg.QueryResultRow> extends pg.Query<R> {
  /** The set_config statement's CommandComplete comes first and is not this query's result. */
  private pendingSetConfig = true;

  constructor(
    private readonly tenantId: string,
    config: pg.QueryConfig,
    callback: (err: Error | null, result: pg.QueryResult<R>) => void,
  ) {
    super(config);
    // A submittable answers through its callback (pg returns the query object itself, not a promise).
    (this as unknown as { callback: typeof callback }).callback = callback;
  }

  prepare(connection: WireConnection): void {
    if (!parsedOn.has(connection)) {
      connection.parse({ text: SET_TENANT_SQL, name: SET_TENANT_NAME, types: [] });
      parsedOn.add(connection);
    }
    connection.bind({ statement: SET_TENANT_NAME, values: [this.tenantId] });
    connection.execute({ rows: 0 });
    base.prepare.call(this, connection);
  }

  handleCommandComplete(msg: unknown, connection: WireConnection): void {
    if (this.pendingSetConfig) {
      this.pendingSetConfig = false;
      return;
    }
    base.handleCommandComplete.call(this, msg, connection);
  }
}
