import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigProblem } from './config-problem';
import { isJsonObject, Json, JsonObject } from './merge-patch';

export const TENANT_SLUG = /^[a-z][a-z0-9-]{1,39}$/;

/** One YAML file of a tenant folder, with the name shown in messages. */
export interface TenantFile {
  name: string;
  data: JsonObject;
}

/** What one folder under `tenants/` says, before merging with its ancestors. */
export interface TenantFolder {
  slug: string;
  dir: string;
  files: TenantFile[];
  /** The folder's files merged: each top-level key comes from exactly one file. */
  patch: JsonObject;
  /** A file could not be read: its problems are reported, and the tenant (with its children) is not resolved further. */
  unreadable: boolean;
}

export interface TenantFolders {
  root: string;
  folders: Map<string, TenantFolder>;
  problems: ConfigProblem[];
}

/** Reads every tenant folder; problems are collected, never thrown, so all are reported at once. */
export function readTenantFolders(root: string): TenantFolders {
  const folders = new Map<string, TenantFolder>();
  const problems: ConfigProblem[] = [];
  if (!existsSync(root)) {
    problems.push({ tenant: '*', file: displayPath(root), path: '', message: 'tenants folder not found' });
    return { root, folders, problems };
  }
  for (const slug of readdirSync(root).sort()) {
    const dir = join(root, slug);
    if (slug.startsWith('.') || !statSync(dir).isDirectory()) continue;
    const folder = readTenantFolder(slug, dir, problems);
    if (folder) folders.set(slug, folder);
  }
  return { root, folders, problems };
}

export function readTenantFolder(slug: string, dir: string, problems: ConfigProblem[]): TenantFolder | undefined {
  const here = (file: string, path: string, message: string) => problems.push({ tenant: slug, file, path, message });
  if (!TENANT_SLUG.test(slug)) {
    here(displayPath(dir), '', 'folder name must be a slug: lower-case letters, digits and dashes');
    return undefined;
  }
  if (!existsSync(join(dir, 'tenant.yaml'))) {
    here(displayPath(join(dir, 'tenant.yaml')), '', 'missing: every tenant folder needs a tenant.yaml');
    return undefined;
  }
  const files: TenantFile[] = [];
  const patch: JsonObject = {};
  const owner = new Map<string, string>();
  let unreadable = false;
  const names = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort((a, b) => (a === 'tenant.yaml' ? -1 : b === 'tenant.yaml' ? 1 : a.localeCompare(b)));
  for (const f of names) {
    const name = displayPath(join(dir, f));
    const doc = parseDocument(readFileSync(join(dir, f), 'utf8'), { uniqueKeys: true });
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      here(name, '', `YAML ${e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : ''}: ${e.message.split('\n')[0]}`);
      unreadable = true;
      continue;
    }
    const data = (doc.toJS() as Json | null) ?? {};
    if (!isJsonObject(data)) {
      here(name, '', 'must be a map of top-level keys');
      unreadable = true;
      continue;
    }
    for (const key of Object.keys(data)) {
      const first = owner.get(key);
      if (first) here(name, key, `already defined in ${first}; each top-level key belongs to one file`);
      else {
        owner.set(key, name);
        patch[key] = data[key];
      }
    }
    files.push({ name, data });
  }
  for (const template of rawOutputIn(join(dir, 'templates'))) {
    here(
      displayPath(template),
      '',
      'raw output ({{{ }}} or {{& }}) is not allowed in tenant templates: text from config or users must be escaped',
    );
  }
  for (const { file, message } of templateErrorsIn(join(dir, 'templates')))
    here(displayPath(file), '', `template does not compile: ${message}`);
  return { slug, dir, files, patch, unreadable };
}

/** Handlebars' unescaped forms: `{{{x}}}` and `{{& x}}` (`{{~{x}~}}` too). */
export const RAW_OUTPUT = /\{\{~?\{|\{\{~?&/;

/**
 * Tenant templates whose source writes anything unescaped. Only the base views
 * may (the layout's rendered page, the news body from the safe Markdown
 * renderer); a tenant's override of a partial gets config and user text, so it
 * must go through `{{ }}`.
 */
function rawOutputIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => f.endsWith('.hbs') && statSync(f).isFile() && RAW_OUTPUT.test(readFileSync(f, 'utf8')));
}

/**
 * Templates (`.hbs`) under `dir` that Handlebars cannot compile, with its
 * message (which names the line). Checked when folders are read, so that
 * `validate` reports the file and a boot refuses it, instead of every page of
 * the tenant answering 500 at its first render.
 */
export function templateErrorsIn(dir: string): { file: string; message: string }[] {
  if (!existsSync(dir)) return [];
  const errors: { file: string; message: string }[] = [];
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = join(dir, f);
    if (!file.endsWith('.hbs') || !statSync(file).isFile()) continue;
    try {
      Handlebars.precompile(readFileSync(file, 'utf8'));
    } catch (e) {
      errors.push({
        file,
        message: String((e as Error).message ?? e)
          .split('\n')
          .filter(Boolean)
          .slice(0, 3)
          .join(' ')
          .replace(/\s+/g, ' '),
      });
    }
  }
  return errors;
}

/** Paths in messages are relative to the working directory, as a developer types them. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
