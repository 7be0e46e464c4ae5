import { resolve } from 'node:path';
import { InvalidTenantConfigError } from './config-problem';
import { Tenant } from './tenant';
import { readTenantFolders } from './tenant-folder';
import { resolveTenants, TenantOverlay } from './tenant-resolver';

/** Loads every tenant under `dir`, or throws with every problem found: never a half-configured tenant. */
export function loadTenants(dir: string, overlays?: ReadonlyMap<string, TenantOverlay>): Tenant[] {
  const { tenants, problems } = resolveTenants(readTenantFolders(resolve(dir)), overlays);
  if (problems.length > 0) throw new InvalidTenantConfigError(problems);
  return tenants;
}
