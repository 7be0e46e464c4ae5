import {
  AGENCY_KINDS,
  AgencyConfig,
  CategoryConfig,
  EmergencyNumber,
  Json,
  JsonObject,
  Locale,
  REGION_KINDS,
  RegionConfig,
  TenantConfig,
} from '@app/tenancy';

export type FieldKind = 'text' | 'number' | 'select' | 'list' | 'checkboxes';

/** One form field of a collection entry, and where in the entry it goes. */
export interface FieldSpec {
  name: string;
  path: string[];
  kind: FieldKind;
  optional?: boolean;
  /** For selects: the choices, from the tenant's config. */
  options?: (config: TenantConfig, locale: Locale) => { value: string; label: string }[];
}

/** A keyed collection of the tenant config that the console edits item by item. */
export interface CollectionSpec {
  key: 'agencies' | 'categories' | 'regions' | 'rules' | 'emergencyNumbers';
  /** The console path under /admin. */
  route: string;
  /** Where the map lives in the config. */
  path: string[];
  fields: FieldSpec[];
  /** The column shown in the list, by names rather than codes. */
  summary: (entry: object, locale: Locale, config: TenantConfig) => string;
}

export const ENTRY_CODE = /^[a-z0-9][a-z0-9.-]{0,79}$/;

const text = (t: Partial<Record<Locale, string>> | undefined, locale: Locale) => t?.[locale] ?? t?.id ?? '';
const fixed = (values: readonly string[]) => () => values.map((value) => ({ value, label: value }));
const mapOf = (key: 'agencies' | 'regions' | 'categories') => (config: TenantConfig, locale: Locale) =>
  Object.entries(config[key] as Record<string, { name: string | Record<string, string> }>).map(([value, e]) => ({
    value,
    label: `${typeof e.name === 'string' ? e.name : text(e.name, locale)} (${value})`,
  }));

export const COLLECTIONS: CollectionSpec[] = [
  {
    key: 'agencies',
    route: 'instansi',
    path: ['agencies'],
    summary: (e) => (e as AgencyConfig).name,
    fields: [
      { name: 'name', path: ['name'], kind: 'text' },
      { name: 'kind', path: ['kind'], kind: 'select', options: fixed(AGENCY_KINDS) },
      { name: 'parent', path: ['parent'], kind: 'select', optional: true, options: mapOf('agencies') },
      { name: 'region', path: ['region'], kind: 'select', optional: true, options: mapOf('regions') },
      { name: 'categories', path: ['categories'], kind: 'checkboxes' },
      { name: 'phone', path: ['contacts', 'phone'], kind: 'text', optional: true },
      { name: 'email', path: ['contacts', 'email'], kind: 'text', optional: true },
      { name: 'website', path: ['contacts', 'website'], kind: 'text', optional: true },
      { name: 'address', path: ['contacts', 'address'], kind: 'text', optional: true },
    ],
  },
  {
    key: 'categories',
    route: 'kategori',
    path: ['categories'],
    summary: (e, l) => text((e as CategoryConfig).name, l),
    fields: [
      { name: 'name_id', path: ['name', 'id'], kind: 'text' },
      { name: 'name_en', path: ['name', 'en'], kind: 'text', optional: true },
      { name: 'group', path: ['group'], kind: 'text' },
      { name: 'privacy', path: ['privacy'], kind: 'select', options: fixed(['private', 'public']) },
      { name: 'dueDays', path: ['dueDays'], kind: 'number' },
    ],
  },
  {
    key: 'regions',
    route: 'wilayah',
    path: ['regions'],
    summary: (e) => `${(e as RegionConfig).name} (${(e as RegionConfig).kind})`,
    fields: [
      { name: 'name', path: ['name'], kind: 'text' },
      { name: 'kind', path: ['kind'], kind: 'select', options: fixed(REGION_KINDS) },
      { name: 'parent', path: ['parent'], kind: 'select', optional: true, options: mapOf('regions') },
    ],
  },
  {
    key: 'rules',
    route: 'rute',
    path: ['routing', 'rules'],
    summary: (e, l, config) => ruleLabel(config, e as RoutingRuleLike, l),
    fields: [
      { name: 'category', path: ['category'], kind: 'select', optional: true, options: mapOf('categories') },
      { name: 'region', path: ['region'], kind: 'select', optional: true, options: mapOf('regions') },
      { name: 'agency', path: ['agency'], kind: 'select', options: mapOf('agencies') },
    ],
  },
  {
    key: 'emergencyNumbers',
    route: 'darurat',
    path: ['emergencyNumbers'],
    summary: (e, l) => `${text((e as EmergencyNumber).name, l)}: ${(e as EmergencyNumber).number}`,
    fields: [
      { name: 'name_id', path: ['name', 'id'], kind: 'text' },
      { name: 'name_en', path: ['name', 'en'], kind: 'text', optional: true },
      { name: 'number', path: ['number'], kind: 'text' },
      { name: 'description_id', path: ['description', 'id'], kind: 'text', optional: true },
      { name: 'description_en', path: ['description', 'en'], kind: 'text', optional: true },
    ],
  },
];

type RoutingRuleLike = { category?: string; region?: string; agency: string };

/** A routing rule as the admin reads it: "Kategori → Wilayah → Instansi", by names ("semua" where the rule does not narrow). */
export function ruleLabel(config: TenantConfig, rule: RoutingRuleLike, locale: Locale): string {
  const any = locale === 'en' ? 'any' : 'semua';
  const category = rule.category ? text(config.categories[rule.category]?.name, locale) || rule.category : `(${any})`;
  const region = rule.region ? (config.regions[rule.region]?.name ?? rule.region) : `(${any})`;
  return `${category} → ${region} → ${config.agencies[rule.agency]?.name ?? rule.agency}`;
}

export function collectionAt(route: string): CollectionSpec | undefined {
  return COLLECTIONS.find((c) => c.route === route);
}

export function entriesOf(spec: CollectionSpec, config: TenantConfig): Record<string, object> {
  return (at(config, spec.path) as Record<string, object> | undefined) ?? {};
}

/** What lies at `path` inside `node`, if anything. */
function at(node: unknown, path: readonly string[]): unknown {
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** A merge patch that puts `entry` (or null: retires it) at `code` of the collection. */
export function collectionPatch(spec: CollectionSpec, code: string, entry: Json): JsonObject {
  let patch: JsonObject = { [code]: entry };
  for (const key of [...spec.path].reverse()) patch = { [key]: patch };
  return patch;
}

/**
 * The entry a submitted form describes, as a merge patch over the entry: an
 * empty optional field is null (removed), so editing replaces what the form
 * shows and keeps what it does not (a category's extra fields, a region's centre).
 */
export function entryFromForm(spec: CollectionSpec, form: Record<string, unknown>): JsonObject {
  const entry: JsonObject = {};
  for (const field of spec.fields) {
    const given = form[field.name];
    // Checkboxes arrive as one value per ticked box (an array when several are).
    const raw = Array.isArray(given) ? given.map(String).join(',') : typeof given === 'string' ? given.trim() : '';
    let value: Json;
    if (field.kind === 'list' || field.kind === 'checkboxes') value = raw.split(/[\s,]+/).filter(Boolean);
    else if (raw === '') value = field.optional ? null : '';
    else if (field.kind === 'number') value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    else value = raw;
    setPath(entry, field.path, value);
  }
  // A nested text left wholly empty (an optional description) is removed, not kept half-filled.
  for (const [key, value] of Object.entries(entry)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => v === null)) entry[key] = null;
  }
  return entry;
}

/** A config value as a form shows it: scalars as typed, anything else as JSON. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A form's values for an existing entry. */
export function formFromEntry(spec: CollectionSpec, entry: object | undefined): Record<string, string> {
  const form: Record<string, string> = {};
  for (const field of spec.fields) {
    const node = at(entry, field.path);
    form[field.name] = node === undefined || node === null ? '' : Array.isArray(node) ? node.join(', ') : textOf(node);
  }
  return form;
}

/** The form field a config path (`agencies.x.contacts.phone`) refers to, if any. */
export function fieldOfPath(spec: CollectionSpec, code: string, path: string): string | undefined {
  const prefix = `${spec.path.join('.')}.${code}`;
  if (path !== prefix && !path.startsWith(`${prefix}.`)) return undefined;
  const rest = path.slice(prefix.length + 1).replace(/\[\d+\]/g, '');
  const matches = spec.fields.filter((f) => rest === f.path.join('.') || rest.startsWith(`${f.path.join('.')}.`));
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.name;
}

function setPath(target: JsonObject, path: string[], value: Json): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as JsonObject;
  node[path[path.length - 1]] = value;
}
