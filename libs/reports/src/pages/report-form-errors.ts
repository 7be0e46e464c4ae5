import { Locale, Tenant } from '@app/tenancy';
import { ViewEngine } from '@app/views';
import { REPORT_ERROR_STATUS, ReportError, ReportErrorCode } from '../report-error';

/** One message of a form's error summary, linked to the input it concerns. */
export interface FormError {
  /** The id of the input (the summary links to it; the input points back with aria-describedby). */
  field: string;
  message: string;
}

/** Where on the form each error field of the domain is shown. */
const FIELD_ANCHOR: Record<string, string> = {
  location: 'latitude',
  longitude: 'latitude',
  evidence: 'after',
  handoffTarget: 'handoffTarget',
};
const LOCATION_FIELDS = new Set(['latitude', 'longitude', 'location']);

/**
 * A ReportError as form messages, in the reader's language (from the locales,
 * `reports.errors.<code>`). Field names in messages are the form's labels.
 * Every problem of an input validation is listed.
 */
export function formErrorsOf(
  views: ViewEngine,
  tenant: Tenant,
  locale: Locale,
  error: ReportError,
  fields: Record<string, string> = {},
): FormError[] {
  const label = (field: string) => {
    const key = `reports.form.fields.${field}`;
    const text = views.text(tenant, locale, key);
    return text === key ? field : text;
  };
  const message = (code: ReportErrorCode, params: Record<string, string | number>) =>
    views.text(tenant, locale, `reports.errors.${code}`, {
      ...params,
      ...(typeof params.field === 'string' ? { field: label(params.field) } : {}),
    });
  const seen = new Set<string>();
  const once = (e: FormError): FormError[] => {
    const key = `${e.field}\u0000${e.message}`;
    if (seen.has(key) || (e.field === 'latitude' && seen.has('location'))) return [];
    seen.add(key);
    if (e.field === 'latitude') seen.add('location');
    return [e];
  };
  return [error, ...error.also].flatMap((one): FormError[] => {
    if (one.problems.length) {
      return one.problems.flatMap((p) => {
        if (LOCATION_FIELDS.has(p.field)) return once({ field: 'latitude', message: message(ReportErrorCode.InvalidLocation, {}) });
        const empty = (fields[p.field] ?? '').trim() === '';
        return once({
          field: FIELD_ANCHOR[p.field] ?? p.field,
          message: message(empty ? ReportErrorCode.MissingField : ReportErrorCode.InvalidField, { field: p.field }),
        });
      });
    }
    const field = one.field ? (FIELD_ANCHOR[one.field] ?? one.field) : 'form';
    return once({ field, message: message(one.code, one.params) });
  });
}

/** The status a page answers with for an error shown in its form. */
export function statusOf(error: ReportError): number {
  return REPORT_ERROR_STATUS[error.code];
}

export function errorsByField(errors: FormError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const e of errors) byField[e.field] ??= e.message;
  return byField;
}
