/**
 * Everything that can go wrong with news, as codes; the page filter maps each
 * to a status and a message (`admin.news.errors.<code>` in the locales).
 */
export enum NewsErrorCode {
  NotFound = 'not-found',
  NotAuthor = 'not-author',
  OwnArticle = 'own-article',
  NotReviewer = 'not-reviewer',
  WrongStatus = 'wrong-status',
  Invalid = 'invalid',
  NoteRequired = 'note-required',
  CoverInvalid = 'cover-invalid',
}

export class NewsError extends Error {
  constructor(
    readonly code: NewsErrorCode,
    /** For Invalid: each field that is wrong, with the code of what is wrong (`admin.news.fieldErrors.<code>`). */
    readonly fields: Record<string, string> = {},
  ) {
    super(code + (Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : ''));
  }
}

/** HTTP status of each code: a new code without one does not compile. */
export const NEWS_ERROR_STATUS: Record<NewsErrorCode, number> = {
  [NewsErrorCode.NotFound]: 404,
  [NewsErrorCode.NotAuthor]: 403,
  [NewsErrorCode.OwnArticle]: 403,
  [NewsErrorCode.NotReviewer]: 403,
  [NewsErrorCode.WrongStatus]: 409,
  [NewsErrorCode.Invalid]: 422,
  [NewsErrorCode.NoteRequired]: 422,
  [NewsErrorCode.CoverInvalid]: 422,
};
