import { ConfigProblem, resolveTenant, Tenant, TenantFolders, TenantOverlay } from '@app/tenancy';

/**
 * Resolves one tenant from its folders and a proposed overlay, with the same
 * validation as the folders (shape and cross-references), plus its hosts
 * against every other tenant's. Pure: nothing is stored or applied.
 */
export function resolveProposal(
  folders: TenantFolders,
  slug: string,
  overlay: TenantOverlay | undefined,
  others: readonly Tenant[],
): { tenant?: Tenant; problems: ConfigProblem[] } {
  const folder = folders.folders.get(slug);
  if (!folder) return { problems: [{ tenant: slug, file: slug, path: '', message: `unknown tenant '${slug}'` }] };
  const result = resolveTenant(folder, folders.folders, overlay);
  if (!result.tenant) return result;
  const claimed = new Map<string, string>();
  for (const other of others) if (other.slug !== slug) for (const { host } of other.hosts()) claimed.set(host, other.slug);
  const file = overlay ? `admin revision ${overlay.revision}` : slug;
  const problems = result.tenant
    .hosts()
    .filter(({ host }) => claimed.has(host))
    .map(({ host }) => ({ tenant: slug, file, path: 'hosts', message: `host '${host}' is already claimed by another tenant` }));
  return problems.length ? { problems } : result;
}

/** Agency codes present in `before` and gone from `after` (effective configs, valid or not). */
export function retiredAgencies(before: { agencies?: object }, after: { agencies?: unknown }): string[] {
  const remaining = after.agencies && typeof after.agencies === 'object' ? after.agencies : {};
  return Object.keys(before.agencies ?? {}).filter((code) => !Object.hasOwn(remaining, code));
}
