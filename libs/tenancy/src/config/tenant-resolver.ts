import { checkReferences } from './config-references';
import { validateTenantShape, PathProblem } from './config-validator';
import { ConfigProblem, formatPath } from './config-problem';
import { isJsonObject, Json, JsonObject, mergePatch } from './merge-patch';
import { Tenant } from './tenant';
import { TenantConfig } from './tenant-config';
import { TenantFolder, TenantFolders, displayPath } from './tenant-folder';

/** An admin revision layered over a tenant's folder (the database overlay). */
export interface TenantOverlay {
  revision: number;
  patch: JsonObject;
}

export interface ResolvedTenants {
  tenants: Tenant[];
  problems: ConfigProblem[];
}

/** One layer of a tenant's effective config, most specific first. */
interface Layer {
  files: { name: string; data: JsonObject }[];
}

/**
 * Turns folders (and admin overlays) into effective tenant configs: each
 * `extends` chain merged from the root down, then the overlay, then validated.
 * Every problem of every tenant is returned, each located in the file it came from.
 */
export function resolveTenants(sources: TenantFolders, overlays: ReadonlyMap<string, TenantOverlay> = new Map()): ResolvedTenants {
  const problems: ConfigProblem[] = [...sources.problems];
  const tenants: Tenant[] = [];
  const merged = new Map<string, Json>();
  for (const folder of sources.folders.values()) {
    const result = resolveTenant(folder, sources.folders, overlays.get(folder.slug), merged);
    problems.push(...result.problems);
    if (result.tenant) tenants.push(result.tenant);
  }
  problems.push(...checkHostsAreUnique(tenants, sources.folders));
  // A child inherits its parent's mistakes: report each once, in the file it is in.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.file}\u0000${p.path}\u0000${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { tenants, problems: unique };
}

export function resolveTenant(
  folder: TenantFolder,
  folders: ReadonlyMap<string, TenantFolder>,
  overlay?: TenantOverlay,
  merged: Map<string, Json> = new Map(),
): { tenant?: Tenant; problems: ConfigProblem[] } {
  const chain = extendsChain(folder, folders);
  if ('problem' in chain) return { problems: [chain.problem] };
  // An unreadable file is reported where it was read; resolving without it would only add noise.
  if (chain.folders.some((f) => f.unreadable)) return { problems: [] };
  let effective = mergedFolders(chain.folders, merged);
  if (overlay) effective = mergePatch(effective, overlay.patch);

  const layers: Layer[] = [
    ...(overlay ? [{ files: [{ name: `admin revision ${overlay.revision}`, data: overlay.patch }] }] : []),
    ...chain.folders.map((f) => ({ files: f.files })),
  ];
  const locate = (p: PathProblem): ConfigProblem => ({
    tenant: folder.slug,
    file: sourceOf(p.path, layers) ?? folder.files[0]?.name ?? displayPath(folder.dir),
    path: formatPath(p.path),
    message: p.message,
  });
  const shape = validateTenantShape(effective);
  if (shape.length > 0) return { problems: shape.map(locate) };
  const config = effective as unknown as TenantConfig;
  const references = checkReferences(config);
  if (references.length > 0) return { problems: references.map(locate) };
  return { tenant: new Tenant(folder.slug, config, chain.folders.map((f) => f.dir), overlay?.revision ?? 0), problems: [] };
}

/**
 * A chain's folders merged root first, remembered per tenant: a child's merge
 * starts from its parent's result, and shares every subtree it leaves alone
 * (which is what lets validation skip subtrees it has already checked).
 */
function mergedFolders(chain: TenantFolder[], merged: Map<string, Json>): Json {
  const [own, ...ancestors] = chain;
  let result = merged.get(own.slug);
  if (result === undefined) {
    result = mergePatch(ancestors.length ? mergedFolders(ancestors, merged) : {}, own.patch);
    merged.set(own.slug, result);
  }
  return result;
}

function extendsChain(folder: TenantFolder, folders: ReadonlyMap<string, TenantFolder>): { folders: TenantFolder[] } | { problem: ConfigProblem } {
  const chain = [folder];
  for (let current = folder; typeof current.patch.extends === 'string'; ) {
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
