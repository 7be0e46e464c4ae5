import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConfigRevisionRepository } from '@app/revisions';
import { readTenantFolders, resolveTenants, TenantContext, TenantRegistry } from '@app/tenancy';
import { createPlatform } from '../../apps/platform/src/platform';
import { portOf, serve } from './child';
import { TENANTS_DIR } from './shared';

/**
 * The real platform: embedded PGlite in a fresh temp DATA_DIR, logger off.
 * With BENCH_PROFILE=1 it also times, after boot, the two halves of tenant
 * loading: reading + validating the folders, and the per-tenant overlay read.
 */
serve(async (mark) => {
  const dataDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'replika-bench-'));
  const { app } = await createPlatform({ TENANTS_DIR, DATA_DIR: dataDir }, { logger: false });
  mark('created');
  await app.init();
  mark('initialized');
  await app.listen(0, '127.0.0.1');
  const profile =
    process.env.BENCH_PROFILE === '1'
      ? async () => {
          const time = async (fn: () => unknown) => {
            const t0 = performance.now();
            await fn();
            return performance.now() - t0;
          };
          let folders!: ReturnType<typeof readTenantFolders>;
          const read = await time(() => (folders = readTenantFolders(TENANTS_DIR)));
          const resolve = await time(() => resolveTenants(folders));
          const registry = app.get(TenantRegistry);
          const context = app.get(TenantContext);
          const revisions = app.get(ConfigRevisionRepository);
          const overlays = await time(async () => {
            for (const tenant of registry.list()) await context.run(tenant, () => revisions.latest());
          });
          return { tenants: registry.list().length, readFoldersMs: read, resolveValidateMs: resolve, overlayReadMs: overlays };
        }
      : undefined;
  return { port: portOf(app.getHttpServer()), close: () => app.close(), profile };
});
