import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PgListener } from '@app/database';
import { TenantRegistry } from '@app/tenancy';

/** Announced by the CLI in the transaction that suspends or resumes a tenant. */
export const TENANT_LIFECYCLE_CHANNEL = 'replika_tenant_lifecycle';

/**
 * Keeps the registry's set of suspended tenants in step with the database on
 * every instance: read at boot, read again on each announcement and after a
 * dropped LISTEN connection comes back (announcements may have been missed).
 * The per-request check is then one Set lookup in the tenancy hook.
 *
 * On the embedded PGlite nothing is listened to (one session, one process,
 * and the CLI cannot open the database while the platform runs): the set read
 * at boot holds until the next boot.
 */
@Injectable()
export class SuspendedTenantsListener implements OnApplicationBootstrap {
  private readonly logger = new Logger('TenantLifecycle');

  constructor(
    private readonly listener: PgListener,
    private readonly dataSource: DataSource,
    private readonly registry: TenantRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const refresh = () => this.refresh();
    await this.listener.listen(TENANT_LIFECYCLE_CHANNEL, refresh, refresh);
    // Read once listening, so that no suspension falls between the read and the LISTEN.
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const rows: { slug: string }[] = await this.dataSource.query('SELECT slug FROM tenant_suspensions');
    const slugs = rows.map((r) => r.slug);
    this.registry.setSuspended(slugs);
    if (slugs.length) this.logger.warn(`suspended (503): ${slugs.join(', ')}`);
  }
}
