import { MediaStorage } from '@app/media';
import { hasTenantFiles, importTenantFiles, removeTenantFiles } from './tenant-files';
import { Actor, ImportRefused, TenantLifecycleRepository } from './tenant-lifecycle.repository';

/** How far an import got before it failed. */
export type ImportStage = 'files' | 'rows';

/**
 * An import that failed after it had begun to write, and what it undid: the
 * transaction is rolled back, and each file it had written deleted again,
 * except those in `left` (the store refused the delete too).
 */
export class TenantImportFailed extends Error {
  constructor(
    readonly stage: ImportStage,
    /** Files written before the failure. */
    readonly written: number,
    /** Of those, the ones still in the store. */
    readonly left: string[],
    /** Why the first of `left` could not be deleted. */
    readonly leftReason: string | undefined,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * One tenant's rows and files into this deployment, all or nothing. First
 * the refusals, which write nothing (ImportRefused): the tenant has a row
 * here, a key under its prefix in the store, or the archive does not fit the
 * schema. Then the files, in key order, then every row in one transaction
 * (checked again) with `beforeCommit` and the audit entry. The files go
 * first so that the transaction stays short: it disables a trigger, which
 * locks that table for every tenant until the commit. If anything fails, the
 * transaction is rolled back and the files this import wrote are deleted, so
 * the tenant still counts as empty and the same import can simply be run
 * again once the cause is fixed.
 */
export async function importTenant(
  lifecycle: TenantLifecycleRepository,
  storage: MediaStorage,
  slug: string,
  archive: { rows: Map<string, unknown[]>; files: Map<string, string> },
  actor: Actor,
  options: {
    /** The store, as the refusal names it ("the local disk"). */
    place: string;
    /** Last step before the commit (the CLI writes the tenant folder); undone by the caller when the import fails. */
    beforeCommit?: () => Promise<void>;
  },
): Promise<{ rows: Record<string, number>; files: number }> {
  if (await hasTenantFiles(storage, slug))
    throw new ImportRefused(`${slug} already has files under ${slug}/ in ${options.place}: import only into an empty deployment`);
  await lifecycle.checkImport(slug, archive.rows);
  const written: string[] = [];
  let stage: ImportStage = 'files';
  try {
    const files = await importTenantFiles(storage, archive.files, written);
    stage = 'rows';
    const rows = await lifecycle.importRows(slug, archive.rows, actor, { files, beforeCommit: options.beforeCommit });
    return { rows, files };
  } catch (error) {
    const { left, reason } = await removeTenantFiles(storage, written);
    // Refused by the second check (rows written meanwhile by someone else): still a refusal, if it left nothing behind.
    if (error instanceof ImportRefused && left.length === 0) throw error;
    throw new TenantImportFailed(stage, written.length, left, reason, error);
  }
}
