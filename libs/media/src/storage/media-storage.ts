/**
 * Where uploaded files live (report photos and evidence, pending photos, news
 * covers, logos). Keys always begin with the tenant (`<tenant>/reports/...`,
 * `<tenant>/news/...`), so one tenant's files sit under one prefix: a folder
 * on disk, a key prefix in a bucket. Files are never served from here
 * directly: the routes that read them decide who may see them.
 *
 * `get` answers null for a key that does not exist; a store that cannot be
 * reached throws StorageUnavailableError (503), never null, so a photo that
 * exists is not reported missing while the store is down.
 */
export abstract class MediaStorage {
  /** The driver's name, for logs and the readiness check. */
  abstract readonly driver: 'local' | 's3';
  abstract put(key: string, data: Buffer, contentType?: string): Promise<void>;
  abstract get(key: string): Promise<Buffer | null>;
  /**
   * Removes the file; a key that is not there is not an error (deleting
   * twice, or after a failed put, is fine). Throws StorageUnavailableError
   * when the store cannot be reached, so a file that stayed is never
   * reported gone.
   */
  abstract delete(key: string): Promise<void>;
  /** Rejects when the store cannot take writes now (readiness). */
  abstract check(): Promise<void>;
  /**
   * Every key under `<prefix>/` (a tenant, or a tenant and segments:
   * `jakarta`, `jakarta/reports`), in no promised order. `jakarta` never
   * lists `jakarta-barat/...`. Anything in the store that is not a storage
   * key (a stray file, a symlink on disk) is skipped, not returned.
   */
  abstract list(prefix: string): AsyncIterable<string>;
}

/** `<tenant>/<segment>/...`: lower-case tenant slug first, then plain path segments; nothing that could climb out. */
const KEY = /^[a-z][a-z0-9-]{0,39}(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){1,6}$/;

/** Throws for a key that does not start with a tenant or holds anything path-like (`..`, `//`, `\`). */
export function assertStorageKey(key: string): string {
  if (!isStorageKey(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}

/** A prefix to list: a tenant slug, optionally followed by plain segments. */
const PREFIX = /^[a-z][a-z0-9-]{0,39}(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,5}$/;

export function assertStoragePrefix(prefix: string): string {
  if (!PREFIX.test(prefix)) throw new Error(`not a storage prefix: ${JSON.stringify(prefix)}`);
  return prefix;
}

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

/** A key under the tenant's prefix: `tenantKey('jakarta', 'reports', id, 'x.jpg')` → `jakarta/reports/<id>/x.jpg`. */
export function tenantKey(tenant: string, ...parts: string[]): string {
  return assertStorageKey([tenant, ...parts].join('/'));
}
