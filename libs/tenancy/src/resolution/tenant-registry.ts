import { Tenant } from '../config/tenant';
import { normalizeHost } from './host';

export interface HostMatch {
  tenant: Tenant;
  /** `alias` hosts answer with a redirect to the primary host. */
  kind: 'primary' | 'alias' | 'local';
}

/**
 * Every tenant, and every host it answers on, in memory: resolving a request's
 * tenant is one Map lookup. Replaced whole on reload, so a request sees either
 * the old set or the new one, never a mix.
 */
export class TenantRegistry {
  private state = { bySlug: new Map<string, Tenant>(), byHost: new Map<string, HostMatch>() };

  constructor(tenants: Tenant[] = []) {
    this.replaceAll(tenants);
  }

  replaceAll(tenants: Tenant[]): void {
    const bySlug = new Map<string, Tenant>();
    const byHost = new Map<string, HostMatch>();
    for (const tenant of tenants) {
      bySlug.set(tenant.slug, tenant);
      for (const { host, kind } of tenant.hosts()) byHost.set(host, { tenant, kind });
    }
    this.state = { bySlug, byHost };
  }

  match(rawHost: string | string[] | undefined): HostMatch | undefined {
    return this.state.byHost.get(normalizeHost(rawHost));
  }

  get(slug: string): Tenant | undefined {
    return this.state.bySlug.get(slug);
  }

  getOrThrow(slug: string): Tenant {
    const tenant = this.get(slug);
    if (!tenant) throw new Error(`unknown tenant '${slug}'`);
    return tenant;
  }

  list(): Tenant[] {
    return [...this.state.bySlug.values()];
  }
}
