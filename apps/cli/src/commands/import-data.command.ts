import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { countFiles, readTenantArchive } from '@app/lifecycle';
import { displayPath } from '@app/tenancy';
import { CliCommand, CommandError, DIR_HELP } from '../command';
import { cliActor, openLifecycle, tenantFilesDir } from '../tenant-lifecycle';
import { tenantsDir } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- import-data <file.tar.gz>

Loads an archive written by export-data into this deployment: every row in one
transaction, the files under $DATA_DIR/uploads/<slug>, and the tenant folder
into the tenants folder when it is not there yet. Refused, with nothing
written, when the tenant already has any row or file here. Audited.
Restart the platform (or let it reload the folder) to serve the tenant.

Needs DATABASE_URL (the schema owner).

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
    try {
      const slug = archive.manifest.tenant;
      const filesDir = tenantFilesDir(slug);
      if (countFiles(filesDir) > 0) throw new CommandError(`${slug} already has files in ${displayPath(filesDir)}: import only into an empty deployment`);
      const lifecycle = await openLifecycle();
      let counts: Record<string, number>;
      try {
        counts = await lifecycle.importRows(slug, archive.rows, cliActor()).catch((e: Error) => {
          throw new CommandError(e.message);
        });
      } finally {
        await lifecycle.close();
      }
      if (existsSync(archive.filesDir)) {
        mkdirSync(filesDir, { recursive: true });
        cpSync(archive.filesDir, filesDir, { recursive: true });
      }
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
      console.log(`imported ${slug}: ${total} rows, ${countFiles(filesDir)} files; ${folderNote}`);
      return 0;
    } finally {
      archive.dispose();
    }
  },
};
