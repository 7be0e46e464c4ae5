import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Where photo bytes live. Keys always begin with the tenant's slug, so one
 * tenant's files sit under one prefix (a folder here, a bucket prefix on an
 * S3-compatible store later).
 */
export abstract class PhotoStorage {
  abstract put(key: string, data: Buffer): Promise<void>;
  abstract get(key: string): Promise<Buffer | null>;
}

export function photoKey(tenant: string, reportId: string, photoId: string, extension: string): string {
  return `${tenant}/${reportId}/${photoId}.${extension}`;
}

/** Photos on local disk under `<DATA_DIR>/uploads/<tenant>/...`: the default. */
export class LocalDiskPhotoStorage extends PhotoStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data, { flag: 'wx' });
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch {
      return null;
    }
  }

  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`photo key escapes the storage root: ${key}`);
    return path;
  }
}
