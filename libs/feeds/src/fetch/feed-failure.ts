/** Why a pull failed: a code the pages and the console translate, stored with each failed pull. */
export const FEED_FAILURES = [
  'timeout',
  'too-large',
  'private-address',
  'bad-url',
  'too-many-redirects',
  'network',
  'http-status',
  'html-instead-of-data',
  'bad-encoding',
  'malformed',
  'no-valid-rows',
  'too-many-rows',
  'internal',
] as const;
export type FeedFailureReason = (typeof FEED_FAILURES)[number];

/** A pull that went wrong in a way the source (not the platform) caused: recorded, never thrown past the puller. */
export class FeedFailure extends Error {
  constructor(
    readonly reason: FeedFailureReason,
    readonly detail: string,
    readonly httpStatus?: number,
  ) {
    super(`${reason}: ${detail}`);
  }
}
