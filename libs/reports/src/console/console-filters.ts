import { TenantConfig } from '@app/tenancy';
import { QueueFilters } from '../report-actions.service';
import { ConsoleQueueQuery } from '../dto/report-feed-query';

/** The queue's query, keeping only codes the tenant knows. */
export function queueFilters(
  config: TenantConfig,
  query: ConsoleQueueQuery,
): Required<Pick<QueueFilters, 'page' | 'state'>> & QueueFilters {
  const code = (v: unknown, known: Record<string, unknown>) => (typeof v === 'string' && Object.hasOwn(known, v) ? v : undefined);
  const page = Number(query.page);
  return {
    status: code(query.status, config.workflow.statuses),
    category: code(query.category, config.categories),
    region: code(query.region, config.regions),
    state: query.state === 'closed' ? 'closed' : 'open',
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/** An action form's fields, as strings; what each action needs is checked by the workflow. */
export function actionRequest(fields: Record<string, string>) {
  const code = (v: string | undefined) => (v && /^[a-z0-9-]{1,80}$/.test(v) ? v : undefined);
  return {
    action: code(fields.action) ?? '',
    note: fields.note ? fields.note.trim().slice(0, 2000) : undefined,
    agency: code(fields.agency),
    handoffTarget: code(fields.handoffTarget),
  };
}
