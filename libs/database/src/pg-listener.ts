import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DatabaseConnection } from './database-connection';

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;

interface Subscription {
  onNotify(payload: string): unknown;
  onReconnect(): unknown;
  /** Not listened to for a while (a dropped connection, a failed attempt): announcements may have been missed. */
  missed: boolean;
}

/**
 * PostgreSQL LISTEN for the whole instance, on one dedicated connection as
 * the application role (a pooled one would be handed to queries). When that
 * connection drops it is reopened with exponential backoff, every channel is
 * listened to again, and each channel's `onReconnect` runs so that its owner
 * re-reads what announcements it may have missed.
 *
 * Hand-written rather than pg-listen (unreleased for years, and by default it
 * stops reconnecting after 3 s): what is needed here is one loop of ~100 lines.
 *
 * On the embedded PGlite nothing is listened to: it has a single session,
 * served to the one pool connection, and only ever one instance, which
 * applies its own changes directly.
 */
@Injectable()
export class PgListener implements OnApplicationShutdown {
  private readonly logger = new Logger('PgListener');
  private readonly subscriptions = new Map<string, Subscription>();
  private client?: Client;
  private connecting?: Promise<void>;
  private backoff = MIN_BACKOFF_MS;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly db: DatabaseConnection) {}

  /**
   * Calls `onNotify` with the payload of each announcement on `channel` (a
   * plain identifier). Resolves once LISTEN is in place, or after a first
   * failed attempt: it keeps trying, and calls `onReconnect` once it succeeds.
   * Errors of either callback are logged.
   */
  async listen(channel: string, onNotify: (payload: string) => unknown, onReconnect: () => unknown = () => undefined): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    if (this.db.isEmbedded || this.stopped) return;
    const subscription = { onNotify, onReconnect, missed: false };
    this.subscriptions.set(channel, subscription);
    if (!this.client) return this.reconnect();
    try {
      await this.client.query(`LISTEN ${channel}`);
    } catch {
      // The connection is going: its `end` reconnects, and the reconnect listens to this channel too.
      subscription.missed = true;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private reconnect(): Promise<void> {
    return (this.connecting ??= this.connect().finally(() => (this.connecting = undefined)));
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: String((this.db.appOptions() as { url?: string }).url) });
    client.on('notification', (n) => {
      const subscription = this.subscriptions.get(n.channel);
      if (subscription) this.run(n.channel, () => subscription.onNotify(n.payload ?? ''));
    });
    client.on('error', (e) => this.logger.warn(`connection error: ${e.message}`));
    client.on('end', () => {
      if (this.client === client) this.retry();
    });
    try {
      await client.connect();
      // A channel subscribed while this loop awaits is still visited (Map iteration), and none after it: `client` is set at once.
      for (const channel of this.subscriptions.keys()) await client.query(`LISTEN ${channel}`);
    } catch (e) {
      this.logger.warn(
        `cannot listen (${[...this.subscriptions.keys()].join(', ')}): ${(e as Error).message}; retrying in ${this.backoff} ms`,
      );
      await client.end().catch(() => undefined);
      this.retry();
      return;
    }
    if (this.stopped) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.backoff = MIN_BACKOFF_MS;
    for (const [channel, subscription] of this.subscriptions) {
      if (!subscription.missed) continue;
      subscription.missed = false;
      this.run(channel, () => subscription.onReconnect());
    }
  }

  private retry(): void {
    this.client = undefined;
    for (const subscription of this.subscriptions.values()) subscription.missed = true;
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reconnect(), this.backoff);
    this.timer.unref();
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  private run(channel: string, callback: () => unknown): void {
    void Promise.resolve()
      .then(callback)
      .catch((e: Error) => this.logger.error(`${channel}: ${e.message}`));
  }
}
