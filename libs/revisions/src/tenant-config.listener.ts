import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DatabaseConnection } from '@app/database';
import { TENANT_CONFIG_CHANNEL } from './config-revision.repository';
import { TenantReloader } from './tenant-reloader';

const MAX_BACKOFF_MS = 10_000;

/**
 * Every instance LISTENs for saved revisions on a dedicated connection (as
 * the application role) and reloads the announced tenant from the database.
 * A dropped connection is reopened with exponential backoff; after a
 * reconnect every tenant is reloaded, since announcements may have been missed.
 *
 * Not on the embedded PGlite: it has a single session, served to one pool
 * connection, and there is only ever one instance on it, which applies its
 * own revisions directly.
 */
@Injectable()
export class TenantConfigListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TenantConfigListener');
  private client?: Client;
  private stopped = false;
  private backoff = 250;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: DatabaseConnection,
    private readonly reloader: TenantReloader,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.db.isEmbedded) return;
    await this.connect(false);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(missedAny: boolean): Promise<void> {
    const client = new Client({ connectionString: String((this.db.appOptions() as { url?: string }).url) });
    client.on('notification', (n) => {
      if (n.channel === TENANT_CONFIG_CHANNEL && n.payload) void this.reload(n.payload);
    });
    client.on('error', (e) => this.logger.warn(`connection error: ${e.message}`));
    client.on('end', () => {
      if (this.client === client) this.retry();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${TENANT_CONFIG_CHANNEL}`);
      this.client = client;
      this.backoff = 250;
      if (missedAny) await this.reloader.reloadAllFromDatabase();
    } catch (e) {
      this.logger.warn(`cannot listen for config changes: ${(e as Error).message}; retrying in ${this.backoff} ms`);
      await client.end().catch(() => undefined);
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopped) return;
    this.client = undefined;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(true), this.backoff);
    this.timer.unref();
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  private async reload(slug: string): Promise<void> {
    try {
      await this.reloader.reloadFromDatabase(slug);
    } catch (e) {
      this.logger.error(`reloading ${slug}: ${(e as Error).message}`);
    }
  }
}
