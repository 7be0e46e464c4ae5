import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { InvalidEnvironmentError, loadSettings } from '@app/config';
import { Actor, TenantLifecycleRepository } from '@app/lifecycle';
import { MediaSettings, mediaStorage, MediaStorage, S3Storage } from '@app/media';
import { CommandError } from './command';

/**
 * The lifecycle commands (suspend, resume, export-data, import-data,
 * purge-personal) work on a PostgreSQL server as its schema owner, like the
 * migrations: they write what the application role may not.
 */
export async function openLifecycle(): Promise<TenantLifecycleRepository> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new CommandError(
      'DATABASE_URL is not set: the tenant lifecycle commands work on a PostgreSQL server (as the schema owner), not on the embedded database',
    );
  }
  try {
    return await TenantLifecycleRepository.connect(url);
  } catch (error) {
    throw new CommandError(error instanceof Error ? error.message : String(error));
  }
}

/** Who the audit log names: the CLI and the operating-system user who ran it. */
export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (a container's arbitrary uid)
  }
  return { label: `cli:${user}` };
}

/**
 * The file store the platform uses with the same environment: the S3 bucket
 * when S3_BUCKET is set, else $DATA_DIR/uploads. Closed by `closeStorage`.
 */
export function openStorage(): MediaStorage {
  // The platform's boot log line ("uploaded files stored on ...") is noise here: the command's last line names the store.
  Logger.overrideLogger(['error', 'warn']);
  try {
    return mediaStorage(loadSettings(MediaSettings, process.env), resolve(process.env.DATA_DIR || 'data'));
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) throw new CommandError(error.message);
    throw error;
  }
}

export function closeStorage(storage: MediaStorage): void {
  if (storage instanceof S3Storage) storage.destroy();
}

/** Where the files are, for the command's last line. */
export function storagePlace(storage: MediaStorage): string {
  return storage.driver === 's3' ? `the S3 bucket ${process.env.S3_BUCKET}` : 'the local disk';
}
