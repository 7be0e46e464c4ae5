import { resolve } from 'node:path';
import { formatProblems, InvalidTenantConfigError } from './config-problem';
import { Tenant } from './tenant';
import { readTenantFolders, TenantFolders } from './tenant-folder';
import { QuarantinedTenant, resolveTenants, TenantOverlay } from './tenant-resolver';

/** Loads every tenant under `dir`, or throws with every problem found: never a half-configured tenant. */
export function loadTenants(dir: string, overlays?: ReadonlyMap<string, TenantOverlay>): Tenant[] {
  return resolveOrThrow(readTenantFolders(resolve(dir)), overlays);
}

/** Resolves folders already read, or throws with every problem found. */
export function resolveOrThrow(folders: TenantFolders, overlays?: ReadonlyMap<string, TenantOverlay>): Tenant[] {
  const { tenants, problems } = resolveTenants(folders, overlays);
  if (problems.length > 0) throw new InvalidTenantConfigError(problems);
  return tenants;
}

/**
 * Resolves folders for serving. With `quarantine` (production), an invalid
 * tenant is kept out of service and its problems logged, while every valid
 * tenant serves: one province's mistake never takes the others down. Without
 * it (development, tests, the CLI), any problem throws, as `validate` fails.
 */
export function resolveForServing(
  folders: TenantFolders,
  overlays: ReadonlyMap<string, TenantOverlay> | undefined,
  quarantine: boolean,
  log: (line: string) => void,
): { tenants: Tenant[]; quarantined: QuarantinedTenant[] } {
  const { tenants, problems, quarantined } = resolveTenants(folders, overlays);
  if (problems.length === 0) return { tenants, quarantined: [] };
  if (!quarantine) throw new InvalidTenantConfigError(problems);
  const out = quarantined.map((q) => q.slug);
  log(
    `invalid tenant configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}); ` +
      `${out.length ? `under maintenance (503): ${out.join(', ')}` : 'no served tenant affected'}; serving: ${tenants.map((t) => t.slug).join(', ') || 'none'}`,
  );
  for (const line of formatProblems(problems)) log(`  ${line}`);
  return { tenants, quarantined };
}
