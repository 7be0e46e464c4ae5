import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { JsonObject, TenantContext } from '@app/tenancy';
import { ConfigRevision } from './config-revision.entity';

@Injectable()
export class ConfigRevisionRepository {
  constructor(private readonly db: TenantDatabase, private readonly context: TenantContext) {}

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

  /** Appends the next revision; the primary key refuses a concurrent duplicate. */
  append(patch: JsonObject, author: string, message: string): Promise<ConfigRevision> {
    const tenantId = this.context.tenant.slug;
    return this.db.transaction(async (m) => {
      const [{ next }] = await m.query(`SELECT coalesce(max(revision), 0) + 1 AS next FROM config_revisions`);
      return m.save(m.create(ConfigRevision, { tenantId, revision: Number(next), patch, author, message }));
    });
  }
}
