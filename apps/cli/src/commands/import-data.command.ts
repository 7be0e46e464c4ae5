import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { archivedFileKeys, hasTenantFiles, importTenantFiles, readTenantArchive } from '@app/lifecycle';
import { displayPath } from '@app/tenancy';
import { CliCommand, CommandError, DIR_HELP } from '../command';
import { cliActor, closeStorage, openLifecycle, openStorage, storagePlace } from '../tenant-lifecycle';
import { tenantsDir } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- import-data <file.tar.gz>

Loads an archive written by export-data into this deployment: every row in one
transaction, the files under <slug>/ in the file store the platform uses (the
S3 bucket when S3_BUCKET is set, else $DATA_DIR/uploads), and the tenant folder
into the tenants folder when it is not there yet. Refused, with nothing
written, when the tenant already has any row, or any file under <slug>/ in
the store. Audited. Restart the platform (or let it reload the folder) to
serve the tenant.

Needs DATABASE_URL (the schema owner), and the platform's S3_* or DATA_DIR.

Options:
${DIR_HELP}`,
  options: {},
  positionals: { min: 1, max: 1 },
  async run(args) {
    const file = args.positionals[0];
    if (!existsSync(file)) throw new CommandError(`${displayPath(file)} does not exist`);
    const archive = await readTenantArchive(file).catch((e: Error) => {
      throw new CommandError(e.message);
    });
    const storage = openStorage();
    try {
      const slug = archive.manifest.tenant;
      const files = await archivedFileKeys(slug, archive.filesDir).catch((e: Error) => {
        throw new CommandError(`${displayPath(file)}: ${e.message}`);
      });
      if (await hasTenantFiles(storage, slug))
        throw new CommandError(
          `${slug} already has files under ${slug}/ in ${storagePlace(storage)}: import only into an empty deployment`,
        );
      const lifecycle = await openLifecycle();
      let counts: Record<string, number>;
      try {
        counts = await lifecycle.importRows(slug, archive.rows, cliActor()).catch((e: Error) => {
          throw new CommandError(e.message);
        });
      } finally {
        await lifecycle.close();
      }
      // After the rows (whose import refuses a tenant that has data): a failure here leaves rows without some files, said plainly.
      const copied = await importTenantFiles(storage, files).catch((e: Error) => {
        throw new CommandError(`${slug}: the rows were imported but copying the files to ${storagePlace(storage)} failed: ${e.message}`);
      });
      const folder = join(tenantsDir(args), slug);
      let folderNote = `kept the existing folder ${displayPath(folder)}`;
      if (!existsSync(folder) && archive.folder.size > 0) {
        for (const [path, content] of archive.folder) {
          mkdirSync(dirname(join(folder, path)), { recursive: true });
          writeFileSync(join(folder, path), content);
        }
        folderNote = `wrote the tenant folder ${displayPath(folder)}`;
      }
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`imported ${slug}: ${total} rows, ${copied} files to ${storagePlace(storage)}; ${folderNote}`);
      return 0;
    } finally {
      closeStorage(storage);
      archive.dispose();
    }
  },
};
