import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AuditActor, AuditService } from '@app/audit';
import { Clock } from '@app/config';
import { Open311KeyRepository } from './open311-key.repository';

export const API_KEY_PREFIX = 'o311_';
const API_KEY = /^o311_[A-Za-z0-9_-]{43}$/;

export interface IssuedKey {
  id: string;
  /** The key itself: shown once, never stored. */
  key: string;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  /** `o311_` and the first 8 characters of the secret: enough to recognise a key, useless to use it. */
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * The current tenant's Open311 API keys: issued to a partner (FixMyStreet, a
 * city's back office), checked on every POST, revoked when no longer trusted.
 * Used by the CLI now and by the admin console later.
 */
@Injectable()
export class Open311KeyService {
  constructor(
    private readonly keys: Open311KeyRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Issues a key, recorded in the audit log as `open311.key.issue` (by the CLI unless an actor is given). */
  async issue(name: string, by: AuditActor = CLI_ACTOR): Promise<IssuedKey> {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 100) throw new RangeError('name must be 1 to 100 characters');
    const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
    const id = randomUUID();
    const keyPrefix = key.slice(0, API_KEY_PREFIX.length + 8);
    await this.keys.create({ id, name: trimmed, keyHash: hashKey(key), keyPrefix, createdAt: this.clock.now() });
    await this.audit.record(by, {
      action: 'open311.key.issue',
      target: id,
      summary: `issued Open311 key '${trimmed}' (${keyPrefix}…)`,
      changes: { name: trimmed, prefix: keyPrefix },
    });
    return { id, key };
  }

  /** Revokes a live key of the tenant (`open311.key.revoke` in the audit log); false for an unknown, revoked or other tenant's key. */
  async revoke(id: string, by: AuditActor = CLI_ACTOR): Promise<boolean> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
    const done = await this.keys.revoke(id, this.clock.now());
    if (done) await this.audit.record(by, { action: 'open311.key.revoke', target: id, summary: `revoked Open311 key ${id}` });
    return done;
  }

  async list(): Promise<ApiKeySummary[]> {
    return (await this.keys.list()).map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.keyPrefix,
      createdAt: k.createdAt,
      revokedAt: k.revokedAt,
      lastUsedAt: k.lastUsedAt,
    }));
  }

  /** The key's id and name when it is a live key of the current tenant, else null. */
  async verify(key: string | undefined): Promise<{ id: string; name: string } | null> {
    if (!key || !API_KEY.test(key)) return null;
    return this.keys.use(hashKey(key), this.clock.now());
  }
}

const CLI_ACTOR: AuditActor = { accountId: null, label: 'cli' };

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
