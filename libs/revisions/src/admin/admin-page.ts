import { AccountView } from '@app/accounts';
import { AuditActor } from '@app/audit';
import { WebRequest } from '@app/security';
import { ConfigProblem, Tenant } from '@app/tenancy';
import { ViewEngine } from '@app/views';
import { TenantConfigError, TenantConfigErrorCode } from '../tenant-config.error';

export interface FormError {
  /** The form field's id, when the problem maps to one. */
  field?: string;
  /** The config path, for problems no field shows. */
  path: string;
  text: string;
}

export interface FormErrors {
  errors: FormError[];
  errorOf: Record<string, string>;
}

/** Who acts, as the audit log records them. */
export function adminActor(account: AccountView, req: WebRequest): AuditActor {
  return { accountId: account.id, label: account.email, ip: req.ip ?? null };
}

/**
 * Problems of a refused change, each on the form field its config path names
 * (`agencies.x.name` → `name`), in the admin's words (`describe`, see problem-text.ts).
 */
export function formErrors(
  problems: ConfigProblem[],
  fieldOf: (path: string) => string | undefined,
  describe: (problem: ConfigProblem) => string,
): FormErrors {
  const errors = problems.map((p) => ({ field: fieldOf(p.path), path: p.path, text: describe(p) }));
  const errorOf: Record<string, string> = {};
  for (const e of errors) if (e.field && !errorOf[e.field]) errorOf[e.field] = e.text;
  return { errors, errorOf };
}

/** Domain errors that re-render the form (422); anything else propagates. */
export function isFormError(error: unknown): error is TenantConfigError {
  return error instanceof TenantConfigError && error.code !== TenantConfigErrorCode.UnknownRevision;
}

/** The revision message: the admin's, or the page's default in the tenant's language. */
export function revisionMessage(
  views: ViewEngine,
  tenant: Tenant,
  given: unknown,
  fallbackKey: string,
  params?: Record<string, unknown>,
): string {
  const message = typeof given === 'string' ? given.trim().slice(0, 500) : '';
  return message || views.text(tenant, tenant.config.locale.default, `admin.config.defaultMessage.${fallbackKey}`, params);
}

export type AdminForm = Record<string, string | undefined>;
