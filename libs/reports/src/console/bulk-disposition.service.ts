import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '@app/audit';
import { TenantContext } from '@app/tenancy';
import { ReportActionsService } from '../report-actions.service';
import { ReportError } from '../report-error';
import { Actor } from '../workflow/actor';

/** At most this many reports per bulk disposition: a page of the queue. */
export const BULK_MAX = 25;

export interface BulkRequest {
  action: string;
  note?: string;
  agency?: string;
  handoffTarget?: string;
}

export interface BulkOutcome {
  ticket: string;
  ok: boolean;
  /** Why this report was left as it was (the same error the single action would give). */
  error?: ReportError;
  /** The report's status after the action (ok) or as it stays (refused, when known). */
  status?: string;
  /** The report left the actor's reach (forwarded to another agency). */
  forwarded?: boolean;
}

/**
 * One action on several reports of the queue. Each report goes through the
 * single action (`ReportActionsService.act`): the same workflow check, the
 * same optimistic status guard, its own transaction and timeline event, so a
 * refusal on one report leaves the others applied and is reported per
 * report. Actions that need evidence photos are not offered in bulk. The
 * whole disposition is one audit entry naming every ticket and its outcome.
 */
@Injectable()
export class BulkDispositionService {
  constructor(
    private readonly actions: ReportActionsService,
    private readonly audit: AuditService,
    private readonly context: TenantContext,
  ) {}

  /** The actions a role may take in bulk: its workflow actions that need no evidence photos. */
  bulkActions(role: Actor['role']) {
    return Object.entries(this.context.tenant.config.workflow.actions).filter(([, a]) => a.roles.includes(role) && a.kind !== 'follow-up');
  }

  async apply(actor: Actor, auditActor: AuditActor, tickets: string[], request: BulkRequest): Promise<BulkOutcome[]> {
    const unique = [...new Set(tickets)].slice(0, BULK_MAX);
    const outcomes: BulkOutcome[] = [];
    for (const ticket of unique) {
      try {
        const updated = await this.actions.act(actor, ticket, request);
        outcomes.push({ ticket, ok: true, status: updated.status, forwarded: !this.actions.handles(actor, updated) });
      } catch (error) {
        if (!(error instanceof ReportError)) throw error;
        outcomes.push({ ticket, ok: false, error });
      }
    }
    const done = outcomes.filter((o) => o.ok).map((o) => o.ticket);
    const refused = outcomes.filter((o) => !o.ok).map((o) => ({ ticket: o.ticket, reason: o.error!.code }));
    await this.audit.record(auditActor, {
      action: 'reports.bulk',
      target: unique.join(' '),
      summary: `${request.action} on ${unique.length} reports: ${done.length} done, ${refused.length} refused`,
      changes: {
        action: request.action,
        done,
        refused,
        ...(request.agency ? { agency: request.agency } : {}),
        ...(request.handoffTarget ? { handoffTarget: request.handoffTarget } : {}),
        ...(request.note ? { note: request.note } : {}),
      },
    });
    return outcomes;
  }
}
