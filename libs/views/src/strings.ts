import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isJsonObject, Json, JsonObject, mergePatch, SUPPORTED_LOCALES, Locale, TenantConfig } from '@app/tenancy';

export type Strings = Record<Locale, JsonObject>;

/**
 * The UI strings of one tenant: the base locales, then each ancestor's
 * `locales/`, then the tenant's own, merged by the same rule as config; then
 * the strings that name the province (`strings:` in its config, place, so
 * never another province's). `{tenant.name}` and `{tenant.appName}` in any of
 * them become the tenant's own, so an inherited string names the right province.
 * `folders` is most specific first, as Tenant.folders is.
 */
export function loadStrings(
  baseDir: string,
  folders: readonly string[],
  config?: Pick<TenantConfig, 'name' | 'branding' | 'strings'>,
): Strings {
  const strings = {} as Strings;
  for (const locale of SUPPORTED_LOCALES) {
    let merged: Json = {};
    for (const dir of [baseDir, ...[...folders].reverse().map((f) => join(f, 'locales'))]) {
      const file = join(dir, `${locale}.yaml`);
      if (existsSync(file)) merged = mergePatch(merged, (parse(readFileSync(file, 'utf8')) as Json | null) ?? {});
    }
    for (const [key, text] of Object.entries(config?.strings ?? {})) merged = mergePatch(merged, nested(key, text[locale] ?? text.id));
    const identity: Record<string, string> = config ? { 'tenant.name': config.name, 'tenant.appName': config.branding.appName } : {};
    strings[locale] = isJsonObject(merged) ? (withIdentity(merged, identity) as JsonObject) : {};
  }
  return strings;
}

/** `home.greeting`, "Halo" → `{ home: { greeting: "Halo" } }`. */
function nested(key: string, value: string): JsonObject {
  return key.split('.').reduceRight<Json>((inner, part) => ({ [part]: inner }), value) as JsonObject;
}

function withIdentity(node: Json, identity: Record<string, string>): Json {
  if (typeof node === 'string') return node.replace(/\{(tenant\.\w+)\}/g, (m, name: string) => identity[name] ?? m);
  if (!isJsonObject(node)) return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withIdentity(v, identity)]));
}

/** Looks a dotted key up, falling back to Indonesian, then to the key itself so a gap is visible. */
export function translate(strings: Strings, locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const found = lookup(strings[locale], key) ?? lookup(strings.id, key);
  if (typeof found !== 'string') return key;
  return found.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

function lookup(node: Json | undefined, key: string): Json | undefined {
  for (const part of key.split('.')) {
    if (!isJsonObject(node)) return undefined;
    node = node[part];
  }
  return node;
}
