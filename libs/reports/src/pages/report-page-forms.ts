import { TenantConfig } from '@app/tenancy';

/** What a citizen typed into the report form, kept to re-render it after an error. */
export interface SubmissionValues {
  category?: string;
  description?: string;
  address?: string;
  latitude?: string;
  longitude?: string;
  region?: string;
  privacy?: string;
  contact?: string;
}

const KEPT: (keyof SubmissionValues)[] = ['category', 'description', 'address', 'latitude', 'longitude', 'region', 'privacy', 'contact'];

/** The form's own fields, bounded in length (the browser's values, echoed back escaped). */
export function submissionValues(fields: Record<string, string>): SubmissionValues {
  const values: SubmissionValues = {};
  for (const key of KEPT) if (typeof fields[key] === 'string') values[key] = fields[key].slice(0, 5000);
  return values;
}

export interface FeedFilters {
  category?: string;
  status?: string;
  region?: string;
  page: number;
}

/** The public feed's query, keeping only codes the tenant knows (an unknown one is ignored, not an error). */
export function feedFilters(config: TenantConfig, query: Record<string, unknown>): FeedFilters {
  const code = (v: unknown, known: Record<string, unknown>) => (typeof v === 'string' && Object.hasOwn(known, v) ? v : undefined);
  const page = Number(query.page);
  return {
    category: code(query.category, config.categories),
    status: code(query.status, config.workflow.statuses),
    region: code(query.region, config.regions),
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/** A ticket number as typed: spaces gone, capital letters. */
export function normalizeTicket(raw: unknown): string {
  return typeof raw === 'string' ? raw.replace(/\s+/g, '').toUpperCase().slice(0, 40) : '';
}
