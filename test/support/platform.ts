import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { Env } from '@app/config';
import { Tenant } from '@app/tenancy';
import { createPlatform } from '../../apps/platform/src/platform';
import { createTestDatabase, TestDatabase } from './database';

export interface RunningPlatform {
  url: string;
  app: Awaited<ReturnType<typeof createPlatform>>['app'];
  close(): Promise<void>;
}

/** Boots the real platform on a free loopback port. Without DATABASE_URL in `env` it runs on a fresh embedded PGlite. */
export async function startPlatform(
  env: Env = {},
  options: { tenants?: Tenant[]; logStream?: NodeJS.WritableStream } = {},
): Promise<RunningPlatform> {
  const full: Env = {
    TENANTS_DIR: join(__dirname, '..', '..', '..', 'tenants'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'replika-')),
    ...env,
  };
  const { app } = await createPlatform(full, { tenants: options.tenants, logger: false, logStream: options.logStream });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, app, close: () => app.close() };
}

/**
 * For the enclosing describe(): a fresh scratch PostgreSQL database and the platform on it, booted before its
 * tests and closed and dropped after them. Read `platform` and `db` inside the tests (they exist once booted).
 */
export function platformOnTestDatabase(): { readonly platform: RunningPlatform; readonly db: TestDatabase } {
  let db: TestDatabase | undefined;
  let platform: RunningPlatform | undefined;
  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url });
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });
  return {
    get platform() {
      if (!platform) throw new Error('the platform is not booted yet: read it inside a test');
      return platform;
    },
    get db() {
      if (!db) throw new Error('the test database is not created yet: read it inside a test');
      return db;
    },
  };
}
