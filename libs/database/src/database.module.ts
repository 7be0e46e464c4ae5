import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { DatabaseConnection, Migration } from './database-connection';
import { DatabaseSettings } from './database.settings';
import { PgListener } from './pg-listener';
import { assertSafeApplicationRole } from './role-check';
import { TenantDatabase } from './tenant-database';

export interface DatabaseModuleOptions {
  settings: DatabaseSettings;
  migrations: MixedList<Migration>;
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DatabaseConnection) private readonly connection: DatabaseConnection) {}

  /** Opens the database (starting PGlite when DATABASE_URL is unset), migrates, connects as the app role and checks it. */
  static forRoot({ settings, migrations }: DatabaseModuleOptions): DynamicModule {
    // One connection per forRoot, shared by this module and TypeORM's own module.
    let opening: Promise<DatabaseConnection> | undefined;
    const connection = {
      provide: DatabaseConnection,
      useFactory: () =>
        (opening ??= (async () => {
          const db = await DatabaseConnection.open(settings, migrations);
          if (settings.MIGRATE_ON_BOOT) await db.migrate();
          return db;
        })()),
    };
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          extraProviders: [connection],
          inject: [DatabaseConnection],
          useFactory: (db: DatabaseConnection) => ({ ...db.appOptions(), autoLoadEntities: true }),
          dataSourceFactory: async (options?: DataSourceOptions) => {
            const ds = await new DataSource(options!).initialize();
            await assertSafeApplicationRole(ds);
            return ds;
          },
        }),
      ],
      providers: [connection, { provide: DatabaseSettings, useValue: settings }, TenantDatabase, PgListener],
      exports: [DatabaseConnection, DatabaseSettings, TenantDatabase, PgListener],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
