import { ServiceKey } from '../services/service-catalog';
import { TenantConfig } from './tenant-config';

/** A tenant as the platform serves it: its effective config and where its files live. */
export class Tenant {
  constructor(
    readonly slug: string,
    readonly config: TenantConfig,
    /** Folders along `extends`, the tenant's own first: templates, locales and assets resolve in this order. */
    readonly folders: readonly string[],
    /** The admin overlay revision applied on top of the folders, 0 when none. */
    readonly revision = 0,
  ) {}

  get chain(): string[] {
    return this.folders.map((dir) => dir.split(/[\\/]/).pop()!);
  }

  isEnabled(service: ServiceKey): boolean {
    return this.config.services[service]?.enabled === true;
  }

  /** Every host this tenant answers on, each with how it answers. */
  hosts(): { host: string; kind: 'primary' | 'alias' | 'local' }[] {
    const { primary, aliases = [], local = [] } = this.config.hosts;
    return [
      { host: primary, kind: 'primary' as const },
      ...aliases.map((host) => ({ host, kind: 'alias' as const })),
      ...local.map((host) => ({ host, kind: 'local' as const })),
    ];
  }
}
