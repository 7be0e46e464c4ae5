import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isJsonObject, Json, JsonObject, mergePatch, SUPPORTED_LOCALES, Locale } from '@app/tenancy';

export type Strings = Record<Locale, JsonObject>;

/**
 * The UI strings of one tenant: the base locales, then each ancestor's
 * `locales/`, then the tenant's own, merged by the same rule as config.
 * `folders` is most specific first, as Tenant.folders is.
 */
export function loadStrings(baseDir: string, folders: readonly string[]): Strings {
  const strings = {} as Strings;
  for (const locale of SUPPORTED_LOCALES) {
    let merged: Json = {};
    for (const dir of [baseDir, ...[...folders].reverse().map((f) => join(f, 'locales'))]) {
      const file = join(dir, `${locale}.yaml`);
      if (existsSync(file)) merged = mergePatch(merged, parse(readFileSync(file, 'utf8')) ?? {});
    }
    strings[locale] = isJsonObject(merged) ? merged : {};
  }
  return strings;
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
