import { join } from 'node:path';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { loadTenants, Tenant, TenantContext } from '@app/tenancy';
import { HomeService } from '../../apps/platform/src/home/home.service';

/** The repository root, from dist/bench/servers. */
export const ROOT = join(__dirname, '..', '..', '..');

export const TENANTS_DIR = process.env.TENANTS_DIR ?? join(ROOT, 'tenants');

/** The adapter as the platform builds it (same options), so variants differ only in what runs per request. */
export function platformAdapter(): FastifyAdapter {
  return new FastifyAdapter({ trustProxy: false, bodyLimit: 1_048_576 });
}

export function realTenants(): Tenant[] {
  return loadTenants(TENANTS_DIR);
}

/** The /api/services tiles of `tenant`, computed by the platform's own HomeService. */
export function tilesOf(tenant: Tenant) {
  return new HomeService({ tenant } as unknown as TenantContext, undefined as never, undefined as never, undefined as never).tiles('id'); // tiles() never reads news or feeds
}
