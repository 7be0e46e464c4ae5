import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { Actor, TenantLifecycleRepository } from '@app/lifecycle';
import { CommandError } from './command';

/**
 * The lifecycle commands (suspend, resume, export-data, import-data,
 * purge-personal) work on a PostgreSQL server as its schema owner, like the
 * migrations: they write what the application role may not.
 */
export async function openLifecycle(): Promise<TenantLifecycleRepository> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new CommandError('DATABASE_URL is not set: the tenant lifecycle commands work on a PostgreSQL server (as the schema owner), not on the embedded database');
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

/** A tenant's storage prefix on the local disk driver: $DATA_DIR/uploads/<slug>. */
export function tenantFilesDir(slug: string): string {
  return join(resolve(process.env.DATA_DIR || 'data'), 'uploads', slug);
}
