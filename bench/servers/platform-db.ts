import { createPlatform } from '../../apps/platform/src/platform';
import { portOf, serve } from './child';
import { TENANTS_DIR } from './shared';

/**
 * The real platform on a real PostgreSQL server (the reports section):
 * DATABASE_URL names the scratch database, migrated at boot as the owner; the
 * application then runs as `replika_app` with forced row-level security, and
 * the boot check refuses to start otherwise. Photos go to the temp DATA_DIR.
 * Jobs are not worked here (JOB_WORKERS=false), so only the measured requests run.
 */
serve(async (mark) => {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('platform-db needs DATABASE_URL');
  const { app } = await createPlatform(
    {
      TENANTS_DIR,
      DATA_DIR: process.env.BENCH_DATA_DIR ?? 'data',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10',
      MIGRATE_ON_BOOT: 'true',
      SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef',
      // A web-only replica: the escalation scan would otherwise work through the generated overdue reports during the measurement.
      JOB_WORKERS: 'false',
    },
    { logger: false },
  );
  mark('created');
  await app.init();
  mark('initialized');
  await app.listen(0, '127.0.0.1');
  return { port: portOf(app.getHttpServer()), close: () => app.close() };
});
