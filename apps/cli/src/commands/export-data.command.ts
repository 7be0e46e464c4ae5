import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, writeTenantArchive } from '@app/lifecycle';
import { displayPath } from '@app/tenancy';
import { CliCommand, CommandError, DIR_HELP, required } from '../command';
import { cliActor, closeStorage, openLifecycle, openStorage, storagePlace } from '../tenant-lifecycle';
import { loadWorkspace, requireTenant, tenantsDir } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- export-data <slug> --out <file.tar.gz>

Everything of one tenant in one archive: its configuration (the tenant folder
and the effective config), every row of every tenant table (config revisions,
accounts, reports and their timelines, news, API keys, audit log, ...) and
its files (photos, evidence, pending photos, logos, news covers: every key
under <slug>/ in the file store the platform uses, the S3 bucket when
S3_BUCKET is set, else $DATA_DIR/uploads).
Nothing of another tenant. Audited. Rate-limit counters are not exported.
Suspend the tenant first for a consistent copy of rows and files.

Needs DATABASE_URL (the schema owner), and the platform's S3_* or DATA_DIR.

Options:
  --out <file>        the archive to write (.tar.gz); must not exist
${DIR_HELP}`,
  options: { out: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(args) {
    const out = required(args, 'out');
    if (existsSync(out)) throw new CommandError(`${displayPath(out)} exists: choose a new file`);
    const dir = tenantsDir(args);
    const tenant = requireTenant(loadWorkspace(dir), args.positionals[0]);
    const storage = openStorage();
    const lifecycle = await openLifecycle();
    try {
      const rows = await lifecycle.exportRows(tenant.slug, cliActor());
      const written = await writeTenantArchive(out, {
        manifest: {
          format: ARCHIVE_FORMAT,
          version: ARCHIVE_VERSION,
          tenant: tenant.slug,
          exportedAt: new Date().toISOString(),
          rows: Object.fromEntries([...rows].map(([t, r]) => [t, r.length])),
        },
        folderDir: join(dir, tenant.slug),
        effectiveConfig: tenant.config,
        rows,
        storage,
      });
      const total = Object.values(written.rows).reduce((a, b) => a + b, 0);
      console.log(
        `exported ${tenant.slug}: ${total} rows in ${rows.size} tables, ${written.files} files from ${storagePlace(storage)}, to ${displayPath(out)}`,
      );
      return 0;
    } finally {
      await lifecycle.close();
      closeStorage(storage);
    }
  },
};
