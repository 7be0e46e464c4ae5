import { Injectable } from '@nestjs/common';
import { TenantContext } from '@app/tenancy';
import type { QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { TenantScopedQuery } from './tenant-scoped-query';

/** A read statement for `TenantDatabase.read`: named, so each connection parses and plans it once. */
export interface TenantRead {
  name: string;
  text: string;
  values: unknown[];
}

/**
 * The one way repositories reach tenant data: a transaction that first sets
 * `app.tenant_id` for itself only (`set_config(..., true)`, never a session
 * SET: on a pooled connection the next request would inherit it). Row-level
 * security does the filtering; the tenant comes from the context and the
 * call fails outside one.
 */
@Injectable()
export class TenantDatabase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly context: TenantContext,
  ) {}

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const tenantId = this.context.tenant.slug;
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      return work(manager);
    });
  }

  /**
   * One read statement in the tenant's scope, in one round trip instead of
   * four (see TenantScopedQuery): for hot read paths, rows as plain objects
   * with no entity hydration. Same guarantee as `transaction`: the setting is
   * local to the statement's implicit transaction and RLS does the filtering.
   */
  async read<R extends QueryResultRow>(statement: TenantRead): Promise<R[]> {
    const tenantId = this.context.tenant.slug;
    const [client, release] = (await (this.dataSource.driver as PostgresDriver).obtainMasterConnection()) as [
      {
        query(q: TenantScopedQuery<R>): unknown;
        on(event: 'error', l: (e: Error) => void): unknown;
        removeListener(event: 'error', l: (e: Error) => void): unknown;
      },
      (err?: unknown) => void,
    ];
    // A connection cut while checked out emits 'error' on the client (the query's callback gets it too);
    // unheard, that event would end the process. TypeORM's own query runner listens the same way.
    let lost: Error | undefined;
    const onError = (e: Error) => (lost = e);
    client.on('error', onError);
    try {
      const rows = await new Promise<R[]>((resolve, reject) => {
        client.query(new TenantScopedQuery<R>(tenantId, statement, (err, result) => (err ? reject(err) : resolve(result.rows))));
      });
      client.removeListener('error', onError);
      release(lost);
      return rows;
    } catch (error) {
      client.removeListener('error', onError);
      release(error);
      throw error;
    }
  }

  /**
   * Visits tenants in turn inside one transaction, setting `app.tenant_id`
   * (transaction-local) before each visit, so every query is still scoped by
   * row-level security to the tenant being visited. For boot-time loads across
   * all tenants, where a transaction per tenant costs seconds at 1,000 tenants.
   */
  eachTenant<T>(tenantIds: string[], work: (tenantId: string, manager: EntityManager) => Promise<T>): Promise<Map<string, T>> {
    return this.dataSource.transaction(async (manager) => {
      const results = new Map<string, T>();
      for (const tenantId of tenantIds) {
        await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        results.set(tenantId, await work(tenantId, manager));
      }
      return results;
    });
  }
}
