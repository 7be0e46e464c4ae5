import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, validateSync, ValidationError } from 'class-validator';
import { FeedFieldMap, FeedSourceConfig, Json, JsonObject } from '@app/tenancy';
import { PageForm } from '@app/views';

const FIELD_NAMES: (keyof FeedFieldMap)[] = ['date', 'item', 'place', 'region', 'value', 'unit', 'link'];

/** The console's source form, as posted. The config classes validate it (the same rules as the folders). */
export class FeedSourceForm extends PageForm {
  @IsOptional() @IsIn(['add', 'edit']) mode?: string;
  @IsOptional() @IsString() @MaxLength(80) code?: string;
  @IsOptional() @IsString() @MaxLength(500) name_id?: string;
  @IsOptional() @IsString() @MaxLength(500) name_en?: string;
  @IsOptional() @IsString() @MaxLength(40) kind?: string;
  @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @IsOptional() @IsString() @MaxLength(10) format?: string;
  @IsOptional() @IsString() @MaxLength(200) rows?: string;
  @IsOptional() @IsString() @MaxLength(4) delimiter?: string;
  @IsOptional() @IsString() @MaxLength(40) encoding?: string;
  @IsOptional() @IsString() @MaxLength(100) field_date?: string;
  @IsOptional() @IsString() @MaxLength(100) field_item?: string;
  @IsOptional() @IsString() @MaxLength(100) field_place?: string;
  @IsOptional() @IsString() @MaxLength(100) field_region?: string;
  @IsOptional() @IsString() @MaxLength(100) field_value?: string;
  @IsOptional() @IsString() @MaxLength(100) field_unit?: string;
  @IsOptional() @IsString() @MaxLength(100) field_link?: string;
  @IsOptional() @IsString() @MaxLength(20) unit?: string;
  @IsOptional() @IsString() @MaxLength(100) schedule?: string;
  @IsOptional() @IsString() @MaxLength(6) staleAfterHours?: string;
  @IsOptional() @IsString() @MaxLength(300) licence?: string;
  @IsOptional() @IsString() @MaxLength(400) attribution?: string;
  @IsOptional() @IsString() @MaxLength(2000) page?: string;
  @IsOptional() @IsIn(['on']) compare?: string;
  @IsOptional() @IsIn(['on']) enabled?: string;
  @IsOptional() @IsString() @MaxLength(500) message?: string;
}

export type FeedFormValues = Omit<FeedSourceForm, '_csrf'>;

const trimmed = (v: string | undefined) => (v ?? '').trim();
const orNull = (v: string | undefined) => trimmed(v) || null;

/**
 * The config entry a form describes, as a merge patch: a field left empty is
 * `null` (removed from the entry), so an edit can clear what was set before.
 */
export function entryFromForm(form: FeedFormValues): JsonObject {
  const stale = trimmed(form.staleAfterHours);
  return {
    name: { id: trimmed(form.name_id), en: orNull(form.name_en) },
    kind: trimmed(form.kind),
    url: trimmed(form.url),
    format: trimmed(form.format),
    rows: orNull(form.rows),
    delimiter: form.format === 'csv' ? orNull(form.delimiter) : null,
    encoding: orNull(form.encoding),
    fields: Object.fromEntries(FIELD_NAMES.map((f) => [f, orNull(form[`field_${f}`])])),
    unit: orNull(form.unit),
    schedule: trimmed(form.schedule),
    staleAfterHours: stale ? (/^\d+$/.test(stale) ? Number(stale) : stale) : null,
    licence: trimmed(form.licence),
    attribution: trimmed(form.attribution),
    page: orNull(form.page),
    compare: form.compare === 'on' ? true : null,
    enabled: form.enabled === 'on' ? null : false,
  };
}

/** The form's values for a source in config. */
export function formFromSource(code: string, s: FeedSourceConfig): FeedFormValues {
  return {
    mode: 'edit',
    code,
    name_id: s.name.id,
    name_en: s.name.en ?? '',
    kind: s.kind,
    url: s.url,
    format: s.format,
    rows: s.rows ?? '',
    delimiter: s.delimiter ?? '',
    encoding: s.encoding ?? '',
    field_date: s.fields.date,
    field_item: s.fields.item,
    field_place: s.fields.place ?? '',
    field_region: s.fields.region ?? '',
    field_value: s.fields.value ?? '',
    field_unit: s.fields.unit ?? '',
    field_link: s.fields.link ?? '',
    unit: s.unit ?? '',
    schedule: s.schedule,
    staleAfterHours: s.staleAfterHours === undefined ? '' : String(s.staleAfterHours),
    licence: s.licence,
    attribution: s.attribution,
    page: s.page ?? '',
    compare: s.compare ? 'on' : undefined,
    enabled: s.enabled === false ? undefined : 'on',
  };
}

/** The entry without its nulls, as a config object (for a test pull of what was typed). */
export function sourceOf(entry: JsonObject): FeedSourceConfig {
  return plainToInstance(FeedSourceConfig, withoutNulls(entry) as object);
}

/** Problems of a typed source, by form field, as the config validation names them (`fields.item` → `field_item`). */
export function sourceProblems(source: FeedSourceConfig): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (errors: ValidationError[], prefix: string[]) => {
    for (const e of errors) {
      const path = [...prefix, e.property];
      if (e.constraints) out.set(fieldOfPath(path.join('.')), Object.values(e.constraints)[0]);
      if (e.children?.length) walk(e.children, path);
    }
  };
  walk(validateSync(source, { forbidUnknownValues: false }), []);
  return out;
}

/** The form field a path inside a source entry names. */
export function fieldOfPath(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'fields' && parts[1]) return `field_${parts[1]}`;
  if (parts[0] === 'name') return parts[1] === 'en' ? 'name_en' : 'name_id';
  return parts[0];
}

function withoutNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  return value;
}
