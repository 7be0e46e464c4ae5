import { tenantKey } from '@app/media';

/** Where a cover image lives in the file store: `<tenant>/news/<article>/<file>.<ext>`. */
export function coverKey(tenant: string, articleId: string, fileId: string, extension: string): string {
  return tenantKey(tenant, 'news', articleId, `${fileId}.${extension}`);
}

/** Covers up to this size are accepted (then re-encoded). */
export const COVER_MAX_BYTES = 5 * 1_048_576;
