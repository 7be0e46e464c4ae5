import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Env } from '@app/config';
import { Tenant } from '@app/tenancy';
import { createPlatform } from '../../apps/platform/src/platform';

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
