import { Injectable } from '@nestjs/common';
import { Locale, TenantContext } from '@app/tenancy';
import { PageWithStatus, ViewEngine } from '@app/views';
import { AccountsError, AccountsErrorCode } from './accounts.errors';
import { RegisterForm, SignInForm } from './dto/account-forms';
import { safeNext } from './safe-next';

/** Which form field each error belongs to (the error summary links to it); `null`: the form as a whole. */
const ERROR_FIELD: Record<
  AccountsErrorCode,
  'email' | 'password' | 'displayName' | 'code' | 'role' | 'currentPassword' | 'confirm' | null
> = {
  'email-invalid': 'email',
  'email-taken': 'email',
  'password-too-short': 'password',
  'password-too-long': 'password',
  'display-name-invalid': 'displayName',
  'agency-required': null,
  'unknown-agency': null,
  'unknown-region': null,
  'invalid-credentials': 'email',
  'rate-limited': null,
  'totp-required': null,
  'totp-invalid': 'code',
  'invitation-invalid': null,
  'role-invalid': 'role',
  'not-staff': null,
  'reset-invalid': null,
  'password-wrong': 'currentPassword',
  'confirmation-required': 'confirm',
  'session-not-found': null,
};

export interface FormError {
  /** The id of the input, for the summary's link and aria-describedby. */
  field: string;
  /** `accounts.errors.<code>`, translated by the template. */
  key: string;
  minutes?: number;
}

/** View models of the sign-in and registration pages; never an entity, never a password. */
@Injectable()
export class AccountsPageMapper {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  signIn(locale: Locale, form: SignInForm = {}, error?: unknown) {
    const errors = error === undefined ? [] : [toFormError(error)];
    const next = nextOf(form.next);
    return withStatus(error, {
      title: this.views.text(this.context.tenant, locale, 'accounts.signIn.title'),
      email: form.email ?? '',
      ...next,
      // Signing in on the way to a console: staff, who do not register themselves.
      staff: /^\/(konsol|admin)(\/|$)/.test(next.next),
      errors,
      errorOf: fieldErrors(errors),
    });
  }

  register(locale: Locale, form: RegisterForm = {}, error?: unknown) {
    const errors = error === undefined ? [] : [error, ...(error instanceof AccountsError ? error.also : [])].map(toFormError);
    return withStatus(error, {
      title: this.views.text(this.context.tenant, locale, 'accounts.register.title'),
      email: form.email ?? '',
      displayName: form.displayName ?? '',
      ...nextOf(form.next),
      errors,
      errorOf: fieldErrors(errors),
      passwordMinLength: 10,
    });
  }
}

/** Domain errors become form errors; anything else is not ours to show in a form. */
export function toFormError(error: unknown): FormError {
  if (!(error instanceof AccountsError)) throw error;
  return {
    field: ERROR_FIELD[error.code] ?? 'form',
    key: `accounts.errors.${error.code}`,
    minutes: error.retryAfterSeconds ? Math.ceil(error.retryAfterSeconds / 60) : undefined,
  };
}

/** The safe return path, and the query that carries it to the other form's link. */
function nextOf(raw: string | undefined) {
  const next = safeNext(raw);
  return { next, nextQuery: next === '/' ? '' : `?next=${encodeURIComponent(next)}` };
}

export function fieldErrors(errors: FormError[]): Record<string, FormError> {
  return Object.fromEntries(errors.map((e) => [e.field, e]));
}

export function withStatus(error: unknown, model: object): object {
  if (error === undefined) return model;
  return new PageWithStatus(error instanceof AccountsError && error.code === 'rate-limited' ? 429 : 422, model);
}
