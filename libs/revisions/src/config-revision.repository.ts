import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { JsonObject, TenantContext } from '@app/tenancy';
import { ConfigRevision } from './config-revision.entity';

/** The NOTIFY channel a saved revision is announced on; the payload is the tenant's slug. */
export const TENANT_CONFIG_CHANNEL = 'replika_tenant_config';

@Injectable()
export class ConfigRevisionRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  latest(): Promise<ConfigRevision | null> {
    return this.db.transaction((m) => m.findOne(ConfigRevision, { where: {}, order: { revision: 'DESC' } }));
  }

  /** The latest revision of each tenant, read in one pass at boot. */
  latestOfEach(tenantIds: string[]): Promise<Map<string, ConfigRevision | null>> {
    return this.db.eachTenant(tenantIds, (_, m) => m.findOne(ConfigRevision, { where: {}, order: { revision: 'DESC' } }));
  }

  list(): Promise<ConfigRevision[]> {
    return this.db.transaction((m) => m.find(ConfigRevision, { order: { revision: 'DESC' } }));
  }

  find(revision: number): Promise<ConfigRevision | null> {
    return this.db.transaction((m) => m.findOneBy(ConfigRevision, { revision }));
  }

  /** Appends the next revision and announces it on TENANT_CONFIG_CHANNEL; the primary key refuses a concurrent duplicate. */
  append(patch: JsonObject, author: string, message: string): Promise<ConfigRevision> {
    const tenantId = this.context.tenant.slug;
    return this.db.transaction(async (m) => {
      const [{ next }] = await m.query<{ next: string | number }[]>(`SELECT coalesce(max(revision), 0) + 1 AS next FROM config_revisions`);
      const saved = await m.save(m.create(ConfigRevision, { tenantId, revision: Number(next), patch, author, message }));
      // Delivered on commit to every instance listening (see TenantConfigListener).
      await m.query(`SELECT pg_notify($1, $2)`, [TENANT_CONFIG_CHANNEL, tenantId]);
      return saved;
    });
  }
}
