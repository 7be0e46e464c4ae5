import { resolve } from 'node:path';
import { ConfigProblem, formatProblems, readTenantFolders, resolveTenants, Tenant, TenantFolders } from '@app/tenancy';
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
  return problemsOfFamily(dir, slug).problems;
}

/**
 * The problems of a tenant and of every tenant that extends it, directly or
 * not (with `withDescendants`): a change to a parent is checked against the
 * tenants it would break. Each problem names the tenant it breaks.
 */
export function problemsOfFamily(dir: string, slug: string, withDescendants = false): { problems: ConfigProblem[]; tenants: string[] } {
  const sources = readTenantFolders(dir);
  const own = sources.folders.get(slug);
  if (!own) {
    const unreadable = sources.problems.filter((p) => p.tenant === slug || p.tenant === '*');
    if (unreadable.length > 0) return { problems: unreadable, tenants: [slug] };
    throw new CommandError(`unknown tenant '${slug}' in ${dir}`);
  }
  const family = [slug, ...(withDescendants ? descendantsOf(slug, sources) : [])];
  const folders = new Map([...sources.folders].filter(([s]) => !family.includes(s)));
  for (const member of family) folders.set(member, sources.folders.get(member)!);
  const lines = new Set(family.flatMap((member) => [...ancestorsOf(member, sources)]));
  const problems = resolveTenants({ ...sources, folders, problems: [] }).problems.filter((p) => family.includes(p.tenant));
  return { problems: [...sources.problems.filter((p) => lines.has(p.tenant) || p.tenant === '*'), ...problems], tenants: family };
}

/** Every tenant whose `extends` chain passes through `slug`, nearest first. */
export function descendantsOf(slug: string, sources: TenantFolders): string[] {
  const found: string[] = [];
  for (let frontier = [slug]; frontier.length > 0;) {
    frontier = [...sources.folders.values()]
      .filter(
        (f) => typeof f.patch.extends === 'string' && frontier.includes(f.patch.extends) && !found.includes(f.slug) && f.slug !== slug,
      )
      .map((f) => f.slug);
    found.push(...frontier);
  }
  return found;
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
  if (own.length === 0 && workspace.sources.folders.get(slug)?.patch.abstract === true) {
    throw new CommandError(`'${slug}' is an abstract base: it is never served; name a tenant that extends it`);
  }
  throw new CommandError(
    `tenant '${slug}' is invalid:\n${formatProblems(own)
      .map((line) => `  ${line}`)
      .join('\n')}`,
  );
}
