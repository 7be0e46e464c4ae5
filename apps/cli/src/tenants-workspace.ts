import { resolve } from 'node:path';
import {
  ConfigProblem, formatProblem, readTenantFolders, resolveTenants, Tenant, TenantFolders,
} from '@app/tenancy';
import { CommandArgs, CommandError } from './command';

/** The tenants folder: --dir, then $TENANTS_DIR, then ./tenants. */
export function tenantsDir(args: CommandArgs): string {
  const dir = args.values.dir;
  return resolve(typeof dir === 'string' ? dir : process.env.TENANTS_DIR || 'tenants');
}

/** Every tenant folder read and resolved, exactly as the platform does at boot. */
export interface TenantsWorkspace {
  sources: TenantFolders;
  tenants: Map<string, Tenant>;
  problems: ConfigProblem[];
}

export function loadWorkspace(dir: string): TenantsWorkspace {
  return fromSources(readTenantFolders(dir));
}

function fromSources(sources: TenantFolders): TenantsWorkspace {
  const { tenants, problems } = resolveTenants(sources);
  return { sources, tenants: new Map(tenants.map((t) => [t.slug, t])), problems };
}

/**
 * The problems that make one tenant invalid. All tenants are still loaded,
 * because host uniqueness spans them; the tenant is resolved last so that a
 * host it shares with another is reported against it (resolveTenants blames
 * the later claimant). Unreadable files of its ancestors count too: they are
 * missing from its merged config.
 */
export function problemsOfTenant(dir: string, slug: string): ConfigProblem[] {
  const sources = readTenantFolders(dir);
  const own = sources.folders.get(slug);
  if (!own) {
    const unreadable = sources.problems.filter((p) => p.tenant === slug || p.tenant === '*');
    if (unreadable.length > 0) return unreadable;
    throw new CommandError(`unknown tenant '${slug}' in ${dir}`);
  }
  const folders = new Map([...sources.folders].filter(([s]) => s !== slug));
  folders.set(slug, own);
  const chain = ancestorsOf(slug, sources);
  const problems = resolveTenants({ ...sources, folders, problems: [] }).problems.filter((p) => p.tenant === slug);
  return [...sources.problems.filter((p) => chain.has(p.tenant) || p.tenant === '*'), ...problems];
}

/** The slug and its ancestors along `extends`, stopping at a missing parent or a cycle. */
function ancestorsOf(slug: string, sources: TenantFolders): Set<string> {
  const chain = new Set<string>();
  for (let s: unknown = slug; typeof s === 'string' && !chain.has(s); s = sources.folders.get(s)?.patch.extends) chain.add(s);
  return chain;
}

/** A valid tenant by slug, or an error that lists why it is not usable. */
export function requireTenant(workspace: TenantsWorkspace, slug: string): Tenant {
  const tenant = workspace.tenants.get(slug);
  if (tenant) return tenant;
  const own = workspace.problems.filter((p) => p.tenant === slug);
  if (own.length === 0 && !workspace.sources.folders.has(slug)) throw new CommandError(`unknown tenant '${slug}'`);
  throw new CommandError(`tenant '${slug}' is invalid:\n${own.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
}
