/**
 * Domain errors of accounts, as codes. Each transport maps every code once:
 * the API to a status (accounts.api.controller), the pages to a form field
 * and the string `accounts.errors.<code>` (accounts.page.mapper). A code
 * added here without a mapping fails to compile.
 */
export const ACCOUNTS_ERROR_CODES = [
  'email-invalid',
  'email-taken',
  'password-too-short',
  'password-too-long',
  'display-name-invalid',
  'agency-required',
  'unknown-agency',
  'unknown-region',
  'invalid-credentials',
  'rate-limited',
  'totp-required',
  'totp-invalid',
  'invitation-invalid',
  'role-invalid',
  'not-staff',
  'reset-invalid',
  'password-wrong',
  'confirmation-required',
  'session-not-found',
] as const;

export type AccountsErrorCode = (typeof ACCOUNTS_ERROR_CODES)[number];

export class AccountsError extends Error {
  constructor(
    readonly code: AccountsErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Further problems of the same form, found in the same pass (a form lists them all at once). */
  also: AccountsError[] = [];
}
