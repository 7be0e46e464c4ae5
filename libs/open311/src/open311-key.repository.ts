import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';
import { IsNull } from 'typeorm';
import { Open311ApiKey } from './open311-api-key.entity';

/** Every query on Open311 API keys, inside the tenant's transaction. */
@Injectable()
export class Open311KeyRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  create(key: Omit<Open311ApiKey, 'tenantId' | 'revokedAt' | 'lastUsedAt'>): Promise<Open311ApiKey> {
    const tenantId = this.context.tenant.slug;
    return this.db.transaction((m) => m.save(m.create(Open311ApiKey, { ...key, tenantId, revokedAt: null, lastUsedAt: null })));
  }

  list(): Promise<Open311ApiKey[]> {
    return this.db.transaction((m) => m.find(Open311ApiKey, { order: { createdAt: 'ASC', id: 'ASC' } }));
  }

  /** Revokes a live key; false when there is no such key or it was revoked already. */
  revoke(id: string, at: Date): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const result = await m.update(Open311ApiKey, { id, revokedAt: IsNull() }, { revokedAt: at });
      return (result.affected ?? 0) > 0;
    });
  }

  /** The live key with this hash, its last use stamped in the same statement; null for an unknown or revoked key. */
  use(keyHash: string, at: Date): Promise<{ id: string; name: string } | null> {
    return this.db.transaction(async (m) => {
      // TypeORM answers an UPDATE with [rows, affected].
      const [rows] = await m.query<[{ id: string; name: string }[], number]>(
        `UPDATE open311_api_keys SET last_used_at = $2 WHERE key_hash = $1 AND revoked_at IS NULL RETURNING id, name`,
        [keyHash, at],
      );
      return rows[0] ?? null;
    });
  }
}
