import { inspectPhoto, MediaStorage, tenantKey } from '@app/media';

/** Uploaded logos: small raster images only (an SVG can carry script), re-encoded like report photos. */
export const LOGO_MAX_BYTES = 1_048_576;

/**
 * Stores an uploaded logo under the tenant's prefix and returns the config
 * path for `branding.logo`. The name is the content's hash, so re-uploading
 * the same file is harmless and a rollback to an older revision still finds
 * its logo.
 */
export async function storeLogo(storage: MediaStorage, tenant: string, data: Buffer): Promise<string> {
  const photo = await inspectPhoto(data, LOGO_MAX_BYTES);
  const name = `logo-${photo.sha256.slice(0, 16)}.${photo.extension}`;
  try {
    await storage.put(logoKey(tenant, name), photo.data, photo.contentType);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  return `uploads/branding/${name}`;
}

/** Where a logo lives in the file store: `<tenant>/branding/<name>`. */
export function logoKey(tenant: string, name: string): string {
  return tenantKey(tenant, 'branding', name);
}
