import { PhotoStorage } from '@app/reports';

/** Where cover images live: the photo store, under `<tenant>/news/<article>/`. */
export abstract class NewsCoverStorage extends PhotoStorage {}

export function coverKey(tenant: string, articleId: string, fileId: string, extension: string): string {
  return `${tenant}/news/${articleId}/${fileId}.${extension}`;
}

/** Covers up to this size are accepted (then re-encoded). */
export const COVER_MAX_BYTES = 5 * 1_048_576;
