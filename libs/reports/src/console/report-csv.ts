import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { Locale, TenantConfig } from '@app/tenancy';
import { Report } from '../entities';
import { reportView } from '../report-views';

/**
 * A spreadsheet opens a cell that starts with = + - @ (or a tab or carriage
 * return) as a formula: a citizen's description could run one on the
 * officer's machine. Such text cells get a leading apostrophe (OWASP's advice);
 * numbers are written as numbers and keep their sign.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const COLUMNS = [
  'ticket',
  'created',
  'status',
  'state',
  'category',
  'region',
  'agency',
  'due',
  'overdue',
  'supports',
  'latitude',
  'longitude',
  'address',
  'description',
] as const;

/**
 * The queue's reports as CSV, streamed batch by batch (never the whole
 * export in memory). No reporter identity: the export is what the console
 * shows. Dates are ISO 8601 with the zone, so spreadsheets sort them.
 */
export function reportsCsv(
  config: TenantConfig,
  locale: Locale,
  header: (column: string) => string,
  batches: AsyncIterable<Report[]>,
  now: Date,
): Readable {
  const rows = async function* () {
    for await (const batch of batches) {
      for (const r of batch) {
        const v = reportView(config, locale, r, now);
        const row: (string | number)[] = [
          v.ticket,
          v.createdAt,
          v.status.name,
          v.status.state,
          v.category.name,
          v.region?.name ?? '',
          v.agency.name ?? v.agency.code,
          v.dueAt,
          v.overdue ? 'yes' : 'no',
          v.supports,
          v.location.latitude,
          v.location.longitude,
          v.location.address ?? '',
          v.description,
        ];
        yield row.map((cell) => (typeof cell === 'string' ? safeCell(cell) : cell));
      }
    }
  };
  // A BOM so spreadsheets read the file as UTF-8 (names with diacritics, Indonesian text).
  return Readable.from(rows()).pipe(stringify({ header: true, columns: COLUMNS.map((c) => header(c)), bom: true }));
}
