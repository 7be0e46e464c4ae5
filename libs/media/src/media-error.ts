/**
 * What can be wrong with an uploaded file or form, as codes. Each domain maps
 * them to its own answer (reports to its form messages, news to its cover
 * error); the branding page shows `media.errors.<code>` from the locales.
 */
export enum MediaErrorCode {
  FileTooLarge = 'file-too-large',
  NotImage = 'not-image',
  TooManyFiles = 'too-many-files',
  UnreadableForm = 'unreadable-form',
}

export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    /** Values for the message (`{maxMb}`, `{max}`). */
    readonly params: Record<string, string | number> = {},
    /** The form field (file input) it concerns, when known. */
    readonly field?: string,
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
  }
}

/** HTTP status of each code: a new code without a status does not compile. */
export const MEDIA_ERROR_STATUS: Record<MediaErrorCode, number> = {
  [MediaErrorCode.FileTooLarge]: 413,
  [MediaErrorCode.NotImage]: 415,
  [MediaErrorCode.TooManyFiles]: 422,
  [MediaErrorCode.UnreadableForm]: 422,
};

/** Seconds a client should wait before retrying while the file store is away. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * The file store could not be reached or refused to work (S3 down, disk
 * failing). Not the caller's fault and not a bug: the edge answers 503 with
 * Retry-After, and since files are written before the row that points at
 * them, nothing the client was told is saved is lost.
 */
export class StorageUnavailableError extends Error {
  constructor(
    readonly operation: 'put' | 'get' | 'delete' | 'check' | 'list',
    readonly key: string,
    cause: unknown,
  ) {
    super(`file storage unavailable (${operation} ${key}): ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

export function isStorageUnavailable(error: unknown): error is StorageUnavailableError {
  return error instanceof StorageUnavailableError;
}
