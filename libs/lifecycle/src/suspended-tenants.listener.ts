import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseConnection } from '@app/database';
import { TenantRegistry } from '@app/tenancy';

/** Announced by the CLI in the transaction that suspends or resumes a tenant. */
export const TENANT_LIFECYCLE_CHANNEL = 'replika_tenant_lifecycle';
const MAX_BACKOFF_MS = 10_000;

/**
 * Keeps the registry's set of suspended tenants in step with the database on
 * every instance: read at boot, read again on each announcement and after a
 * dropped LISTEN connection comes back (announcements may have been missed).
 * The per-request check is then one Set lookup in the tenancy hook.
 *
 * On the embedded PGlite there is no listener (one session, one process, and
 * the CLI cannot open the database while the platform runs): the set read at
 * boot holds until the next boot.
 */
@Injectable()
export class SuspendedTenantsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TenantLifecycle');
  private client?: Client;
  private stopped = false;
  private backoff = 250;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: DatabaseConnection,
    private readonly dataSource: DataSource,
    private readonly registry: TenantRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    if (!this.db.isEmbedded) await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }

  async refresh(): Promise<void> {
    const rows: { slug: string }[] = await this.dataSource.query('SELECT slug FROM tenant_suspensions');
    const slugs = rows.map((r) => r.slug);
    this.registry.setSuspended(slugs);
    if (slugs.length) this.logger.warn(`suspended (503): ${slugs.join(', ')}`);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: String((this.db.appOptions() as { url?: string }).url) });
    client.on('notification', (n) => {
      if (n.channel === TENANT_LIFECYCLE_CHANNEL)
        void this.refresh().catch((e: Error) => this.logger.error(`reading suspensions: ${e.message}`));
    });
    client.on('error', (e) => this.logger.warn(`connection error: ${e.message}`));
    client.on('end', () => {
      if (this.client === client) this.retry();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${TENANT_LIFECYCLE_CHANNEL}`);
      this.client = client;
      this.backoff = 250;
      await this.refresh();
    } catch (e) {
      this.logger.warn(`cannot listen for suspensions: ${(e as Error).message}; retrying in ${this.backoff} ms`);
      await client.end().catch(() => undefined);
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped) return;
    this.client = undefined;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), this.backoff);
    this.timer.unref();
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }
}
