import { TenantConfig, WorkflowAction } from '@app/tenancy';
import { ReportError, ReportErrorCode } from '../report-error';
import { regionWithin } from '../routing/report-router';
import { Actor } from './actor';

export interface ActionInput {
  note?: string;
  /** reroute and dispose: the receiving agency. */
  agency?: string;
  /** handoff: a key of reports.handoffTargets. */
  handoffTarget?: string;
  /** follow-up: how many evidence photos of each kind came with it. */
  evidence?: { before: number; after: number };
}

interface ReportState {
  status: string;
  agencyCode: string;
  regionCode: string | null;
}

/** Whether the actor works on this report: their agency or a branch of it, within their region if they have one. */
export function canHandle(config: TenantConfig, actor: Actor, report: ReportState): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'citizen') return false;
  if (actor.regionCode && !regionWithin(report.regionCode, actor.regionCode)) return false;
  if (!actor.agencyCode) return actor.role === 'validator';
  return actor.agencyCode === report.agencyCode || config.agencies[report.agencyCode]?.parent === actor.agencyCode;
}

/** The actions the actor may take on the report now, in the order the tenant lists them. */
export function availableActions(config: TenantConfig, actor: Actor, report: ReportState): [string, WorkflowAction][] {
  if (!canHandle(config, actor, report)) return [];
  return Object.entries(config.workflow.actions).filter(([, a]) => a.from.includes(report.status) && a.roles.includes(actor.role));
}

/**
 * Checks an action against the tenant's workflow and the inputs its kind
 * needs; returns the action. Throws a ReportError naming what is missing.
 */
export function checkAction(config: TenantConfig, actor: Actor, report: ReportState, code: string, input: ActionInput): WorkflowAction {
  const action = config.workflow.actions[code];
  if (!action || !action.roles.includes(actor.role) || !canHandle(config, actor, report))
    throw new ReportError(ReportErrorCode.ActionNotAllowed);
  if (!action.from.includes(report.status)) throw new ReportError(ReportErrorCode.InvalidTransition, { status: report.status });
  const note = input.note?.trim() ?? '';
  switch (action.kind) {
    case 'reroute':
      if (!input.agency || !config.agencies[input.agency] || input.agency === report.agencyCode)
        throw new ReportError(ReportErrorCode.AgencyRequired, {}, 'agency');
      break;
    case 'dispose':
      if (!input.agency || config.agencies[input.agency]?.parent !== report.agencyCode)
        throw new ReportError(ReportErrorCode.AgencyRequired, {}, 'agency');
      break;
    case 'follow-up':
      if (!input.evidence || input.evidence.before < 1 || input.evidence.after < 1)
        throw new ReportError(ReportErrorCode.EvidenceRequired, {}, 'evidence');
      break;
    case 'reject-follow-up':
    case 'reject':
      if (note.length < 5) throw new ReportError(ReportErrorCode.NoteRequired, {}, 'note');
      break;
    case 'handoff':
      if (!input.handoffTarget || !config.reports.handoffTargets[input.handoffTarget])
        throw new ReportError(ReportErrorCode.HandoffRequired, {}, 'handoffTarget');
      if (note.length < 5) throw new ReportError(ReportErrorCode.NoteRequired, {}, 'note');
      break;
    case 'progress':
    case 'accept':
      break;
  }
  return action;
}
