import { Logger } from '@nestjs/common';
import * as pg from 'pg';
import { DataSource, DataSourceOptions, MigrationInterface, MixedList } from 'typeorm';
import { APP_ROLE } from './app-role';
import { DatabaseSettings } from './database.settings';
import { EmbeddedPostgres } from './embedded-postgres';

/** A migration class, as the libraries list them (`REPORTS_MIGRATIONS`…). */
export type Migration = new () => MigrationInterface;

/**
 * Where the database is and how each side connects to it: migrations as the
 * owner, the application as `replika_app`. On a real server the application
 * logs in as that role. On PGlite, which has a single superuser session, the
 * application's pool (of one) switches to the role on connect.
 */
export class DatabaseConnection {
  private readonly logger = new Logger('Database');

  private constructor(
    readonly settings: DatabaseSettings,
    private readonly embedded: EmbeddedPostgres | undefined,
    private readonly migrations: MixedList<Migration>,
  ) {}

  static async open(settings: DatabaseSettings, migrations: MixedList<Migration>): Promise<DatabaseConnection> {
    const embedded = settings.DATABASE_URL ? undefined : await EmbeddedPostgres.start(settings.DATA_DIR);
    const connection = new DatabaseConnection(settings, embedded, migrations);
    connection.logger.log(embedded ? `embedded PostgreSQL (PGlite) in ${settings.DATA_DIR}/pglite` : 'PostgreSQL at DATABASE_URL');
    return connection;
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  private get ownerUrl(): string {
    return this.settings.DATABASE_URL ?? this.embedded!.url;
  }

  /** Applies pending migrations as the owner, then lets go of the owner's connection. */
  async migrate(): Promise<string[]> {
    const owner = new DataSource({ ...this.baseOptions(), url: this.ownerUrl, poolSize: 1, migrations: this.migrations });
    await owner.initialize();
    try {
      const applied = await owner.runMigrations({ transaction: 'each' });
      if (applied.length > 0) this.logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
      if (this.settings.DATABASE_APP_PASSWORD) {
        await owner.query(`ALTER ROLE ${APP_ROLE} PASSWORD ${escapeLiteral(this.settings.DATABASE_APP_PASSWORD)}`);
      }
      return applied.map((m) => m.name);
    } finally {
      await owner.destroy();
    }
  }

  /** Options of the application's data source. */
  appOptions(entities: DataSourceOptions['entities'] = []): DataSourceOptions {
    if (this.embedded) {
      return { ...this.baseOptions(), url: this.embedded.url, entities, poolSize: 1, driver: poolSwitchingTo(APP_ROLE) };
    }
    const url = new URL(this.settings.DATABASE_URL!);
    url.username = APP_ROLE;
    url.password = this.settings.DATABASE_APP_PASSWORD ? encodeURIComponent(this.settings.DATABASE_APP_PASSWORD) : '';
    return { ...this.baseOptions(), url: url.toString(), entities, poolSize: this.settings.DATABASE_POOL_SIZE };
  }

  async close(): Promise<void> {
    await this.embedded?.stop();
  }

  private baseOptions() {
    return {
      type: 'postgres' as const,
      synchronize: false,
      migrationsRun: false,
      logging: ['error' as const],
      // An idle connection that the server ends (restart, failover, pg_terminate_backend) makes the pool emit `error`;
      // the pool has already dropped it, so it is logged, never left to end the process. The next query reconnects.
      poolErrorHandler: (error: Error) => this.logger.warn(`a pooled connection was closed: ${error.message}`),
    };
  }
}

/**
 * The `pg` module with a Pool whose every new connection first switches to
 * `role` (queued on the client before any other query), for PGlite only.
 */
function poolSwitchingTo(role: string): typeof pg {
  class RolePool extends pg.Pool {
    constructor(options?: pg.PoolConfig) {
      super(options);
      this.on('connect', (client) => void client.query(`SET ROLE ${role}`).catch(() => client.end()));
    }
  }
  return Object.create(pg, { Pool: { value: RolePool } }) as typeof pg;
}

function escapeLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
