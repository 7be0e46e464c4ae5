import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { AuditEntry } from './audit-entry.entity';
import { AuditQuery, AuditRepository } from './audit.repository';

export interface AuditActor {
  accountId: string | null;
  /** How the admin reading the log knows them: an email, `cli`, `system`. */
  label: string;
  /** The client address the action came from, when it came over HTTP. */
  ip?: string | null;
}

export interface AuditRecord {
  action: string;
  target?: string;
  summary?: string;
  changes?: Record<string, unknown>;
}

/**
 * Every admin action is recorded here, in the current tenant, by the service
 * that performs it (not by controllers, so no route can act unrecorded).
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly entries: AuditRepository,
    private readonly clock: Clock,
  ) {}

  record(actor: AuditActor, record: AuditRecord): Promise<AuditEntry> {
    return this.entries.append({
      at: this.clock.now(),
      actorAccountId: actor.accountId,
      actorLabel: actor.label,
      action: record.action,
      target: record.target ?? '',
      summary: record.summary ?? '',
      changes: record.changes ?? {},
      ip: actor.ip ?? null,
    });
  }

  find(query: Partial<AuditQuery>) {
    return this.entries.find({ page: 1, pageSize: 50, ...query });
  }
}
