import { Tenant } from '../config/tenant';
import type { QuarantinedTenant } from '../config/tenant-resolver';
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
  private state = {
    bySlug: new Map<string, Tenant>(),
    byHost: new Map<string, HostMatch>(),
    quarantined: new Map<string, QuarantinedTenant>(),
    quarantinedByHost: new Map<string, QuarantinedTenant>(),
  };
  /** Tenants an operator suspended (`tenant suspend`): served only their maintenance page. Kept apart from reloads. */
  private suspended = new Set<string>();

  constructor(tenants: Tenant[] = [], quarantined: QuarantinedTenant[] = []) {
    this.replaceAll(tenants, quarantined);
  }

  /**
   * The tenants served, and (in production) the invalid ones kept out of
   * service: their hosts answer a maintenance page while the others serve.
   */
  replaceAll(tenants: Tenant[], quarantined: QuarantinedTenant[] = []): void {
    const bySlug = new Map<string, Tenant>();
    const byHost = new Map<string, HostMatch>();
    for (const tenant of tenants) {
      bySlug.set(tenant.slug, tenant);
      for (const { host, kind } of tenant.hosts()) byHost.set(host, { tenant, kind });
    }
    const out = new Map(quarantined.filter((q) => !bySlug.has(q.slug)).map((q) => [q.slug, q]));
    const quarantinedByHost = new Map<string, QuarantinedTenant>();
    for (const q of out.values()) for (const host of q.hosts) if (!byHost.has(host)) quarantinedByHost.set(host, q);
    this.state = { bySlug, byHost, quarantined: out, quarantinedByHost };
  }

  /** Replaces some tenants, keeping the rest: each given tenant is served again, each given quarantine takes its tenant out. */
  replaceSome(changed: Tenant[], quarantined: QuarantinedTenant[] = []): void {
    const served = new Map(this.list().map((t) => [t.slug, t]));
    const out = new Map(this.quarantinedList().map((q) => [q.slug, q]));
    for (const t of changed) {
      served.set(t.slug, t);
      out.delete(t.slug);
    }
    for (const q of quarantined) {
      out.set(q.slug, q);
      served.delete(q.slug);
    }
    this.replaceAll([...served.values()], [...out.values()]);
  }

  setSuspended(slugs: Iterable<string>): void {
    this.suspended = new Set(slugs);
  }

  isSuspended(slug: string): boolean {
    return this.suspended.size > 0 && this.suspended.has(slug);
  }

  match(rawHost: string | string[] | undefined): HostMatch | undefined {
    return this.state.byHost.get(normalizeHost(rawHost));
  }

  /** The quarantined tenant answering on this host, if any (looked up only when no served tenant matched). */
  quarantinedAt(rawHost: string | string[] | undefined): QuarantinedTenant | undefined {
    return this.state.quarantinedByHost.size ? this.state.quarantinedByHost.get(normalizeHost(rawHost)) : undefined;
  }

  quarantinedList(): QuarantinedTenant[] {
    return [...this.state.quarantined.values()];
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
