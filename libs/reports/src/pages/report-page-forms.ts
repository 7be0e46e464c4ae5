import { TenantConfig } from '@app/tenancy';
import { pickedArea } from '../areas/area-choice';
import { ReportFeedQuery } from '../dto/report-feed-query';

/** What a citizen typed into the report form, kept to re-render it after an error. */
export interface SubmissionValues {
  category?: string;
  description?: string;
  address?: string;
  latitude?: string;
  longitude?: string;
  region?: string;
  kabkota?: string;
  kecamatan?: string;
  kelurahan?: string;
  privacy?: string;
  contact?: string;
  notifyEmail?: string;
}

const KEPT: (keyof SubmissionValues)[] = [
  'category',
  'description',
  'address',
  'latitude',
  'longitude',
  'region',
  'kabkota',
  'kecamatan',
  'kelurahan',
  'privacy',
  'contact',
  'notifyEmail',
];

/** The form's own fields, bounded in length (the browser's values, echoed back escaped). */
export function submissionValues(fields: Record<string, unknown>): SubmissionValues {
  const values: SubmissionValues = {};
  for (const key of KEPT) {
    const value = fields[key];
    if (typeof value === 'string') values[key] = value.slice(0, 5000);
  }
  return values;
}

/**
 * The area chooser's pick (kabupaten/kota → kecamatan → kelurahan) as the one
 * `region` field the service takes; the plain `region` field still works for
 * forms of tenant templates that kept it.
 */
export function withPickedArea(config: TenantConfig, fields: Record<string, string>): Record<string, string> {
  const picked = pickedArea(config, { kabkota: fields.kabkota, kecamatan: fields.kecamatan, kelurahan: fields.kelurahan });
  return picked ? { ...fields, region: picked } : fields;
}

export interface FeedFilters {
  category?: string;
  status?: string;
  region?: string;
  page: number;
}

/** The public feed's query, keeping only codes the tenant knows (an unknown one is ignored, not an error). */
export function feedFilters(config: TenantConfig, query: ReportFeedQuery): FeedFilters {
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
