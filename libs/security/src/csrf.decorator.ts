import { SetMetadata } from '@nestjs/common';

export const CSRF_VERIFIED_IN_HANDLER = 'replika:csrf-verified-in-handler';

/**
 * For multipart/form-data handlers only: the CSRF guard cannot read a
 * multipart body, so the handler itself must call
 * `CsrfService.verifyToken(req, fields._csrf)` after parsing it and
 * refuse with `CsrfRejectedException` when false. Unmarked multipart posts are
 * rejected by the guard.
 */
export const CsrfVerifiedInHandler = () => SetMetadata(CSRF_VERIFIED_IN_HANDLER, true);
