import { access, constants, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { StorageUnavailableError } from '../media-error';
import { assertStorageKey, isStorageKey, MediaStorage } from './media-storage';

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

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.W_OK);
  }

  private pathOf(key: string): string {
    const path = resolve(join(this.root, assertStorageKey(key)));
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key escapes the storage root: ${key}`);
    return path;
  }
}
