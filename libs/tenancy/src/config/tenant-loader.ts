import { resolve } from 'node:path';
import { InvalidTenantConfigError } from './config-problem';
import { Tenant } from './tenant';
import { readTenantFolders, TenantFolders } from './tenant-folder';
import { resolveTenants, TenantOverlay } from './tenant-resolver';

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
