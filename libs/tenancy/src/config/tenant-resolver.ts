import { join } from 'node:path';
import { checkReferences } from './config-references';
import { validateShape, validateTenantShape, PathProblem } from './config-validator';
import { ConfigProblem, formatPath } from './config-problem';
import { isJsonObject, Json, JsonObject, mergePatch } from './merge-patch';
import { Tenant } from './tenant';
import { isPlacePath, PlacePath, placePathsOf, requiredPlacePathsOf, withoutPaths } from './place-key.decorator';
import { ConfigClass } from './record-of.decorator';
import { ColorsConfig, HostsConfig, TenantConfig } from './tenant-config';
import { TenantFolder, TenantFolders, displayPath } from './tenant-folder';

/** An admin revision layered over a tenant's folder (the database overlay). */
export interface TenantOverlay {
  revision: number;
  patch: JsonObject;
}

export interface ResolvedTenants {
  /** Concrete tenants without any problem: what may be served. */
  tenants: Tenant[];
  problems: ConfigProblem[];
  /** Concrete tenants with problems, with what is known safely of them to answer their hosts with a maintenance page. */
  quarantined: QuarantinedTenant[];
}

/** An invalid tenant, kept out of service: its hosts answer 503 (in production) while the others serve. */
export interface QuarantinedTenant {
  slug: string;
  problems: ConfigProblem[];
  /** Hosts read from its config where they validate, minus any a valid tenant claims. */
  hosts: string[];
  /** Its branding where it validates on its own: shown on the maintenance page. */
  appName?: string;
  colors?: ColorsConfig;
}

/** One layer of a tenant's effective config, most specific first. */
interface Layer {
  files: { name: string; data: JsonObject }[];
}

let placePaths: PlacePath[] | undefined;
let requiredPlacePaths: PlacePath[] | undefined;
/** Every place path of the config schema (computed once: the decorators have run by the first resolve). */
export function tenantPlacePaths(): PlacePath[] {
  return (placePaths ??= placePathsOf(TenantConfig));
}

/**
 * Turns folders (and admin overlays) into effective tenant configs: each
 * `extends` chain merged from the root down, then the overlay, then validated.
 * Every problem of every tenant is returned, each naming the tenant it breaks
 * and located in the file it came from: a parent's mistake is reported
 * against the parent and against every tenant that extends it.
 */
export function resolveTenants(sources: TenantFolders, overlays: ReadonlyMap<string, TenantOverlay> = new Map()): ResolvedTenants {
  const problems: ConfigProblem[] = [...sources.problems];
  const resolved: Tenant[] = [];
  const drafts = new Map<string, Json>();
  const merged = new Map<string, Json>();
  for (const folder of sources.folders.values()) {
    const result = resolveTenant(folder, sources.folders, overlays.get(folder.slug), merged);
    problems.push(...result.problems, ...unreadableAncestors(folder, sources));
    if (result.tenant) resolved.push(result.tenant);
    else if (result.draft !== undefined) drafts.set(folder.slug, result.draft);
  }
  problems.push(...checkHostsAreUnique(resolved, sources.folders));
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.tenant}\u0000${p.file}\u0000${p.path}\u0000${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const broken = new Set(unique.map((p) => p.tenant));
  const tenants = resolved.filter((t) => !broken.has(t.slug));
  const claimed = new Set(tenants.flatMap((t) => t.hosts().map((h) => h.host)));
  const quarantined: QuarantinedTenant[] = [];
  for (const folder of sources.folders.values()) {
    if (!broken.has(folder.slug) || folder.patch.abstract === true) continue;
    // Merged config where the chain resolved, else the folder's own readable files (an unknown parent, an unreadable file).
    const draft =
      drafts.get(folder.slug) ?? (resolved.find((t) => t.slug === folder.slug)?.config as unknown as Json | undefined) ?? folder.patch;
    quarantined.push({ slug: folder.slug, problems: unique.filter((p) => p.tenant === folder.slug), ...safeIdentity(draft, claimed) });
  }
  return { tenants, problems: unique, quarantined };
}

/** A child of a folder that could not be read is not resolved: it is broken by that folder's problems, named as its own. */
function unreadableAncestors(folder: TenantFolder, sources: TenantFolders): ConfigProblem[] {
  const chain = extendsChain(folder, sources.folders);
  if ('problem' in chain) return [];
  return chain.folders
    .slice(1)
    .filter((f) => f.unreadable)
    .flatMap((f) => sources.problems.filter((p) => p.tenant === f.slug).map((p) => ({ ...p, tenant: folder.slug })));
}

/** What the maintenance page may use of an invalid tenant: only parts that validate on their own. */
function safeIdentity(draft: Json | undefined, claimed: ReadonlySet<string>): Omit<QuarantinedTenant, 'slug' | 'problems'> {
  if (!isJsonObject(draft)) return { hosts: [] };
  const ok = (cls: ConfigClass, value: Json | undefined) => isJsonObject(value) && validateShape(cls, value).length === 0;
  const hosts = ok(HostsConfig, draft.hosts) ? (draft.hosts as unknown as HostsConfig) : undefined;
  const branding = isJsonObject(draft.branding) ? draft.branding : {};
  const appName =
    typeof branding.appName === 'string' && branding.appName.length > 0 && branding.appName.length <= 40 ? branding.appName : undefined;
  return {
    hosts: hosts ? [hosts.primary, ...(hosts.aliases ?? []), ...(hosts.local ?? [])].filter((h) => !claimed.has(h)) : [],
    appName,
    colors: ok(ColorsConfig, branding.colors) ? (branding.colors as unknown as ColorsConfig) : undefined,
  };
}

export interface ResolvedTenant {
  /** The tenant, when it is concrete and valid. */
  tenant?: Tenant;
  problems: ConfigProblem[];
  /** Whether the folder is an abstract base: validated, never served. */
  abstract?: boolean;
  /** The effective config as merged, valid or not (absent when the chain itself is broken). */
  draft?: Json;
}

export function resolveTenant(
  folder: TenantFolder,
  folders: ReadonlyMap<string, TenantFolder>,
  overlay?: TenantOverlay,
  merged: Map<string, Json> = new Map(),
): ResolvedTenant {
  const chain = extendsChain(folder, folders);
  if ('problem' in chain) return { problems: [chain.problem] };
  // An unreadable file is reported where it was read (and, by resolveTenants, against every tenant it breaks).
  if (chain.folders.some((f) => f.unreadable)) return { problems: [] };
  const abstract = folder.patch.abstract === true;
  let effective = mergedFolders(chain.folders, merged);
  const ownProblems: ConfigProblem[] = [];
  if (overlay) {
    // The admin overlay changes this tenant's values; it cannot change what the tenant extends or is.
    for (const key of ['extends', 'abstract'] as const) {
      if (Object.hasOwn(overlay.patch, key)) {
        ownProblems.push({
          tenant: folder.slug,
          file: `admin revision ${overlay.revision}`,
          path: key,
          message: `${key} is set in the tenant folder, not by an admin revision`,
        });
      }
    }
    effective = mergePatch(effective, overlay.patch);
  }

  // Built only when a problem is located: stripping the ancestors' place is work a valid tenant never needs.
  let layers: Layer[] | undefined;
  const layersOf = (): Layer[] =>
    (layers ??= [
      ...(overlay ? [{ files: [{ name: `admin revision ${overlay.revision}`, data: overlay.patch }] }] : []),
      ...chain.folders.map((f, i) => ({
        files:
          i === 0 || isAbstract(f)
            ? f.files
            : f.files.map((file) => ({ ...file, data: withoutPaths(file.data, tenantPlacePaths()) as JsonObject })),
      })),
    ]);
  const locate = (p: PathProblem): ConfigProblem => ({
    tenant: folder.slug,
    file: sourceOf(p.path, layersOf()) ?? folder.files[0]?.name ?? displayPath(folder.dir),
    path: formatPath(p.path),
    message: p.message + removedBy(p.message, layersOf()),
  });
  const missing = new Map<string, ConfigProblem>();
  const shape = validateTenantShape(effective).flatMap((p) => {
    const place = missingPlace(effective, p.path);
    if (!place) return [locate(p)];
    // An abstract base may leave any place to the tenants that extend it.
    if (!abstract) missing.set(formatPath(place), missingPlaceProblem(place, chain.folders));
    return [];
  });
  if (!abstract) {
    for (const place of (requiredPlacePaths ??= requiredPlacePathsOf(TenantConfig))) {
      const at = formatPath([...place]);
      if (valueAt(effective, [...place]) === undefined && !missing.has(at)) missing.set(at, missingPlaceProblem([...place], chain.folders));
    }
  }
  const problems = [...ownProblems, ...missing.values(), ...shape];
  if (problems.length > 0) return { problems, abstract, draft: effective };
  const config = effective as unknown as TenantConfig;
  const references = checkReferences(config);
  if (references.length > 0) return { problems: references.map(locate), abstract, draft: effective };
  if (abstract) return { problems: [], abstract };
  return {
    tenant: new Tenant(
      folder.slug,
      config,
      chain.folders.map((f) => f.dir),
      overlay?.revision ?? 0,
    ),
    problems: [],
  };
}

const COLLECTIONS: Record<string, string[]> = {
  category: ['categories'],
  region: ['regions'],
  agency: ['agencies'],
  status: ['workflow', 'statuses'],
};

/** For "unknown category 'x'": ` (removed by <file>)` when a layer removed it with null, the likely cause when a parent changed. */
function removedBy(message: string, layers: Layer[]): string {
  const m = /^unknown (category|region|agency|status) '(.+)'$/.exec(message);
  if (!m) return '';
  const path = [...COLLECTIONS[m[1]], m[2]];
  for (const layer of layers) {
    for (const file of layer.files) if (valueAt(file.data, path) === null) return ` (removed by ${file.name})`;
  }
  return '';
}

function isAbstract(folder: TenantFolder): boolean {
  return folder.patch.abstract === true;
}

/** The place path that `path` lies in when that place is absent from the config, so the problem is "missing place". */
function missingPlace(effective: Json, path: (string | number)[]): (string | number)[] | undefined {
  for (let depth = 1; depth <= path.length; depth++) {
    const prefix = path.slice(0, depth);
    if (isPlacePath(prefix, tenantPlacePaths()) && valueAt(effective, prefix) === undefined) return prefix;
  }
  return undefined;
}

function valueAt(value: Json, path: (string | number)[]): Json | undefined {
  let node: Json | undefined = value;
  for (const segment of path)
    node = isJsonObject(node) ? node[segment as string] : Array.isArray(node) ? node[segment as number] : undefined;
  return node;
}

/**
 * A concrete tenant lacks a place key: say what it is, that it is never
 * inherited from the province it extends, and how to fill it (the command
 * that generates a province's place, or the file to write).
 */
function missingPlaceProblem(place: (string | number)[], chain: TenantFolder[]): ConfigProblem {
  const [own] = chain;
  const parent = typeof own.patch.extends === 'string' ? own.patch.extends : undefined;
  const key = String(place[0]);
  const fileName =
    chain
      .flatMap((f) => f.files)
      .find((f) => Object.hasOwn(f.data, key))
      ?.name.split(/[\\/]/)
      .pop() ?? 'tenant.yaml';
  const file = displayPath(join(own.dir, fileName));
  const inherited = parent ? `; place is never inherited from '${parent}'` : '';
  return {
    tenant: own.slug,
    file,
    path: formatPath(place),
    message:
      `missing: ${formatPath(place)} is part of what ${own.slug} is (its place)${inherited}. ` +
      `Generate it with \`npm run tenant -- create ${own.slug} --from ${parent ?? '<parent>'} --province <code|name>\`, or write it in ${file}`,
  };
}

/**
 * A chain's folders merged root first, remembered per tenant: a child's merge
 * starts from what its parent passes on, and shares every subtree it leaves
 * alone (which is what lets validation skip subtrees it has already checked).
 */
function mergedFolders(chain: TenantFolder[], merged: Map<string, Json>): Json {
  const [own, ...ancestors] = chain;
  return remembered(merged, own.slug, () => mergePatch(ancestors.length ? inheritedFrom(ancestors, merged) : {}, own.patch));
}

/**
 * What a tenant inherits from its ancestors: an abstract base's folder whole
 * (app and national place defaults), a concrete province's app only, never its
 * place; and never `abstract`, which each folder says of itself.
 */
function inheritedFrom(ancestors: TenantFolder[], merged: Map<string, Json>): Json {
  const [parent, ...rest] = ancestors;
  return remembered(merged, `${parent.slug}\u0000inherited`, () => {
    const { abstract: _abstract, ...patch } = parent.patch;
    return mergePatch(rest.length ? inheritedFrom(rest, merged) : {}, isAbstract(parent) ? patch : withoutPaths(patch, tenantPlacePaths()));
  });
}

function remembered(memo: Map<string, Json>, key: string, compute: () => Json): Json {
  let value = memo.get(key);
  if (value === undefined) memo.set(key, (value = compute()));
  return value;
}

function extendsChain(
  folder: TenantFolder,
  folders: ReadonlyMap<string, TenantFolder>,
): { folders: TenantFolder[] } | { problem: ConfigProblem } {
  const chain = [folder];
  for (let current = folder; typeof current.patch.extends === 'string';) {
    const parentSlug = current.patch.extends;
    const parent = folders.get(parentSlug);
    const file = current.files.find((f) => 'extends' in f.data)?.name ?? displayPath(current.dir);
    if (!parent) return { problem: { tenant: folder.slug, file, path: 'extends', message: `unknown tenant '${parentSlug}'` } };
    if (chain.includes(parent)) {
      const cycle = [...chain.map((f) => f.slug), parent.slug].join(' -> ');
      return { problem: { tenant: folder.slug, file, path: 'extends', message: `cycle: ${cycle}` } };
    }
    chain.push(parent);
    current = parent;
  }
  return { folders: chain };
}

/** The file that set the deepest part of `path`, most specific layer first on ties. */
function sourceOf(path: (string | number)[], layers: Layer[]): string | undefined {
  let best: { name: string; depth: number } | undefined;
  for (const layer of layers) {
    for (const file of layer.files) {
      let node: Json | undefined = file.data;
      let depth = 0;
      for (const segment of path) {
        if (isJsonObject(node) && Object.hasOwn(node, segment)) node = node[segment as string];
        else if (Array.isArray(node) && typeof segment === 'number' && segment < node.length) node = node[segment];
        else break;
        depth++;
      }
      if (depth > 0 && (!best || depth > best.depth)) best = { name: file.name, depth };
    }
  }
  return best?.name;
}

function checkHostsAreUnique(tenants: Tenant[], folders: ReadonlyMap<string, TenantFolder>): ConfigProblem[] {
  const claimed = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const tenant of tenants) {
    for (const { host } of tenant.hosts()) {
      const other = claimed.get(host);
      if (other && other !== tenant.slug) {
        const file = folders.get(tenant.slug)?.files.find((f) => 'hosts' in f.data)?.name ?? tenant.slug;
        problems.push({ tenant: tenant.slug, file, path: 'hosts', message: `host '${host}' is already claimed by tenant '${other}'` });
      } else claimed.set(host, tenant.slug);
    }
  }
  return problems;
}
