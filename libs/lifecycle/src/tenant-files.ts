import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import { assertStorageKey, MediaStorage } from '@app/media';

/** What a stored file is, for the S3 object's Content-Type; the platform sniffs the bytes anyway when it serves them. */
const CONTENT_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };

/**
 * Copies every file under the tenant's storage prefix (reports, older
 * `<tenant>/<report>/...` keys, pending photos, news covers, branding) from
 * whichever driver is configured into `dir`, as `dir/<key without the tenant>`.
 * Returns how many.
 */
export async function exportTenantFiles(storage: MediaStorage, tenant: string, dir: string): Promise<number> {
  let count = 0;
  await mkdir(dir, { recursive: true });
  for await (const key of storage.list(tenant)) {
    const data = await storage.get(key);
    // Gone between the listing and the read (a pending photo expiring): nothing to copy.
    if (data === null) continue;
    const path = join(dir, key.slice(tenant.length + 1));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data, { flag: 'wx' });
    count++;
  }
  return count;
}

/** True when the store holds at least one file under the tenant's prefix. */
export async function hasTenantFiles(storage: MediaStorage, tenant: string): Promise<boolean> {
  const keys = storage.list(tenant)[Symbol.asyncIterator]();
  try {
    return !(await keys.next()).done;
  } finally {
    await keys.return?.();
  }
}

/**
 * The keys an extracted archive's `files/` folder would become: every
 * regular file, `<tenant>/<path>`. Throws, before anything is written, on a
 * path that is not a valid storage key.
 */
export async function archivedFileKeys(tenant: string, dir: string): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return keys;
    throw error;
  }
  // In key order: the same archive is copied in the same order every time.
  const paths = entries
    // Regular files only: a link in an archive is not a photo and could point anywhere.
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const path of paths) {
    const key = `${tenant}/${relative(dir, path).split(sep).join('/')}`;
    try {
      keys.set(assertStorageKey(key), path);
    } catch {
      throw new Error(`the archive holds a file that is not a storage key: files/${relative(dir, path)}`);
    }
  }
  return keys;
}

/**
 * Writes the archive's files into the store under the tenant's prefix; returns
 * how many. Each key is added to `written` once it is stored, so a caller can
 * take them back out when the import fails part way (`removeTenantFiles`).
 */
export async function importTenantFiles(storage: MediaStorage, files: Map<string, string>, written: string[] = []): Promise<number> {
  for (const [key, path] of files) {
    const data = await readFile(path);
    try {
      await storage.put(key, data, CONTENT_TYPES[extname(key).toLowerCase()]);
    } catch (error) {
      // A put that failed can still leave the key behind (half a file on a full disk, an upload whose answer was lost);
      // if it cannot be deleted now, the caller tries again and reports it with the others.
      if ((error as { code?: string }).code !== 'EEXIST') await storage.delete(key).catch(() => written.push(key));
      throw error;
    }
    written.push(key);
  }
  return files.size;
}

/** Deletes the given keys, each one tried; answers those that could not be deleted and the first reason. */
export async function removeTenantFiles(storage: MediaStorage, keys: string[]): Promise<{ left: string[]; reason?: string }> {
  const left: string[] = [];
  let reason: string | undefined;
  for (const key of keys) {
    try {
      await storage.delete(key);
    } catch (error) {
      left.push(key);
      reason ??= error instanceof Error ? error.message : String(error);
    }
  }
  return { left, reason };
}
