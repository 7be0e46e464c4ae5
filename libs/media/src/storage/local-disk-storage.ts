import { access, constants, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { StorageUnavailableError } from '../media-error';
import { assertStorageKey, assertStoragePrefix, isStorageKey, MediaStorage } from './media-storage';

/** Files on local disk under `<DATA_DIR>/uploads/<tenant>/...`: the default, for one instance. */
export class LocalDiskStorage extends MediaStorage {
  readonly driver = 'local';
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    try {
      await mkdir(dirname(path), { recursive: true });
      // `wx`: a key is written once; callers that reuse a name (content-hashed logos) expect EEXIST.
      await writeFile(path, data, { flag: 'wx' });
    } catch (error) {
      if ((error as { code?: string }).code === 'EEXIST') throw error;
      throw new StorageUnavailableError('put', key, error);
    }
  }

  async get(key: string): Promise<Buffer | null> {
    if (!isStorageKey(key)) return null;
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
      throw new StorageUnavailableError('get', key, error);
    }
  }

  async delete(key: string): Promise<void> {
    // Empty folders stay: removing them could race a put that has just made its folder (pending/ is shared).
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw new StorageUnavailableError('delete', key, error);
    }
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.W_OK);
  }

  async *list(prefix: string): AsyncIterable<string> {
    const dir = this.within(assertStoragePrefix(prefix));
    let entries;
    try {
      entries = await readdir(dir, { recursive: true, withFileTypes: true });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw new StorageUnavailableError('list', prefix, error);
    }
    for (const entry of entries) {
      // Regular files only: a symlink (which could point out of the root) or a device is not a stored file.
      if (!entry.isFile()) continue;
      const key = relative(this.root, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (isStorageKey(key)) yield key;
    }
  }

  private pathOf(key: string): string {
    return this.within(assertStorageKey(key));
  }

  private within(path: string): string {
    const full = resolve(join(this.root, path));
    if (!full.startsWith(this.root + sep)) throw new Error(`storage key escapes the storage root: ${path}`);
    return full;
  }
}
