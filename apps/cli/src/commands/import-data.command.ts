import { existsSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { archivedFileKeys, ImportRefused, importTenant, readTenantArchive, TenantImportFailed } from '@app/lifecycle';
import { displayPath } from '@app/tenancy';
import { CliCommand, CommandError, DIR_HELP } from '../command';
import { cliActor, closeStorage, openLifecycle, openStorage, storagePlace } from '../tenant-lifecycle';
import { tenantsDir } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- import-data <file.tar.gz>

Loads an archive written by export-data into this deployment, all or nothing:
the files under <slug>/ in the file store the platform uses (the S3 bucket
when S3_BUCKET is set, else $DATA_DIR/uploads), then every row in one
transaction, and the tenant folder into the tenants folder when it is not
there yet. If any of it fails, the rows are rolled back and the files this
import wrote are deleted again: fix the cause and run the same import again.
Refused, with nothing written, when the tenant already has any row, or any
file under <slug>/ in the store. Audited when it succeeds. Restart the
platform (or let it reload the folder) to serve the tenant.

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
      const place = storagePlace(storage);
      const files = await archivedFileKeys(slug, archive.filesDir).catch((e: Error) => {
        throw new CommandError(`${displayPath(file)}: ${e.message}`);
      });
      const folder = join(tenantsDir(args), slug);
      const writesFolder = !existsSync(folder) && archive.folder.size > 0;
      let folderStarted = false;
      const lifecycle = await openLifecycle();
      let imported: { rows: Record<string, number>; files: number };
      try {
        imported = await importTenant(lifecycle, storage, slug, { rows: archive.rows, files }, cliActor(), {
          place,
          // Before the commit, so that a folder that cannot be written keeps nothing else either.
          beforeCommit: async () => {
            if (!writesFolder) return;
            folderStarted = true;
            for (const [path, content] of archive.folder) {
              await mkdir(dirname(join(folder, path)), { recursive: true });
              await writeFile(join(folder, path), content);
            }
          },
        });
      } catch (error) {
        const folderLeft = folderStarted ? removeFolder(folder) : undefined;
        if (error instanceof ImportRefused) throw new CommandError(error.message);
        if (error instanceof TenantImportFailed)
          throw new CommandError(failureReport(slug, place, error, folderLeft && `${displayPath(folder)} (${folderLeft})`));
        // Failed while checking, before anything was written (the store or the database unreachable).
        throw new CommandError(
          `the import of ${slug} failed before writing anything: ${(error as Error).message}. Fix the cause and run import-data again.`,
        );
      } finally {
        await lifecycle.close();
      }
      const folderNote = writesFolder
        ? `wrote the tenant folder ${displayPath(folder)}`
        : `kept the existing folder ${displayPath(folder)}`;
      const total = Object.values(imported.rows).reduce((a, b) => a + b, 0);
      console.log(`imported ${slug}: ${total} rows, ${imported.files} files to ${place}; ${folderNote}`);
      return 0;
    } finally {
      closeStorage(storage);
      archive.dispose();
    }
  },
};

/** Removes the folder a failed import began to write; answers why it could not, if it could not. */
function removeFolder(folder: string): string | undefined {
  try {
    rmSync(folder, { recursive: true, force: true });
    return undefined;
  } catch (error) {
    // A folder that was never made (its path runs through a file) is not there to remove.
    if ((error as { code?: string }).code === 'ENOTDIR') return undefined;
    return (error as Error).message;
  }
}

/** What failed and what is left, in the operator's terms: whether they can simply run the import again. */
function failureReport(slug: string, place: string, failure: TenantImportFailed, folderLeft?: string): string {
  const what = failure.stage === 'files' ? `copying its files to ${place}` : 'saving its rows and tenant folder';
  const lines = [`the import of ${slug} failed while ${what}: ${failure.message}`];
  const removed = failure.written - failure.left.length;
  if (failure.left.length === 0 && !folderLeft) {
    const files = failure.written ? `the ${failure.written} files it had already copied were deleted again` : 'no file was written';
    lines.push(`Nothing was kept: no row was saved and ${files}. Fix the cause and run import-data again.`);
  } else if (failure.left.length === 0) {
    lines.push(
      `No row was saved and no file was kept, but the half-written tenant folder ${folderLeft} could not be removed: delete it, fix the cause and run import-data again.`,
    );
  } else {
    lines.push(
      `No row was saved and ${removed} of the ${failure.written} files it had copied were deleted again, but ${failure.left.length} could not be deleted (${failure.leftReason}).`,
      `Delete these from ${place} before running import-data again (it refuses while ${slug}/ holds any file):`,
      ...failure.left.map((key) => `  ${key}`),
    );
    if (folderLeft) lines.push(`Delete the half-written tenant folder ${folderLeft} as well.`);
  }
  return lines.join('\n');
}
