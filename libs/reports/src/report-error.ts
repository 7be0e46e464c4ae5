/**
 * Everything that can go wrong with a report, as codes. Each transport maps
 * them once: the JSON filter to a status, the page filter to a form message
 * (UI text lives in the locales under `reports.errors.<code>`).
 */
export enum ReportErrorCode {
  UnknownCategory = 'unknown-category',
  OutsideArea = 'outside-area',
  InvalidLocation = 'invalid-location',
  DescriptionLength = 'description-length',
  PhotoRequired = 'photo-required',
  TooManyPhotos = 'too-many-photos',
  PhotoTooLarge = 'photo-too-large',
  PhotoNotImage = 'photo-not-image',
  MissingField = 'missing-field',
  InvalidField = 'invalid-field',
  NotFound = 'not-found',
  ActionNotAllowed = 'action-not-allowed',
  InvalidTransition = 'invalid-transition',
  EvidenceRequired = 'evidence-required',
  NoteRequired = 'note-required',
  AgencyRequired = 'agency-required',
  HandoffRequired = 'handoff-required',
  AlreadySupported = 'already-supported',
  NotSupportable = 'not-supportable',
  OwnReport = 'own-report',
  RatingNotAllowed = 'rating-not-allowed',
  RateLimited = 'rate-limited',
  Unroutable = 'unroutable',
  /** An Idempotency-Key (or a form) already used by another submitter or for another request body. */
  IdempotencyKeyReused = 'idempotency-key-reused',
}

export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    /** Values for the message (`{max}`), and the form field it concerns. */
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
    /** For InvalidField from input validation: every field that is wrong, with class-validator's message. */
    readonly problems: { field: string; message: string }[] = [],
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
  }

  /** Further problems of the same submission, found in the same pass (forms list them all; the first sets the status). */
  also: ReportError[] = [];

  /** Several problems as one error: the first, carrying the rest. */
  static all(problems: ReportError[]): ReportError {
    const [first, ...rest] = problems.flatMap((p) => [p, ...p.also]);
    first.also = rest.filter((p) => p !== first);
    return first;
  }
}

/** HTTP status of each code: a new code without a status does not compile. */
export const REPORT_ERROR_STATUS: Record<ReportErrorCode, number> = {
  [ReportErrorCode.UnknownCategory]: 422,
  [ReportErrorCode.OutsideArea]: 422,
  [ReportErrorCode.InvalidLocation]: 422,
  [ReportErrorCode.DescriptionLength]: 422,
  [ReportErrorCode.PhotoRequired]: 422,
  [ReportErrorCode.TooManyPhotos]: 422,
  [ReportErrorCode.PhotoTooLarge]: 413,
  [ReportErrorCode.PhotoNotImage]: 415,
  [ReportErrorCode.MissingField]: 422,
  [ReportErrorCode.InvalidField]: 422,
  [ReportErrorCode.NotFound]: 404,
  [ReportErrorCode.ActionNotAllowed]: 403,
  [ReportErrorCode.InvalidTransition]: 409,
  [ReportErrorCode.EvidenceRequired]: 422,
  [ReportErrorCode.NoteRequired]: 422,
  [ReportErrorCode.AgencyRequired]: 422,
  [ReportErrorCode.HandoffRequired]: 422,
  [ReportErrorCode.AlreadySupported]: 409,
  [ReportErrorCode.NotSupportable]: 409,
  [ReportErrorCode.OwnReport]: 409,
  [ReportErrorCode.RatingNotAllowed]: 409,
  [ReportErrorCode.RateLimited]: 429,
  [ReportErrorCode.Unroutable]: 422,
  [ReportErrorCode.IdempotencyKeyReused]: 422,
};
