import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ReportError, ReportErrorCode } from '../report-error';
import { SubmitReport } from './submit-report';

/**
 * A submission from flat form fields (web form, multipart API, Open311):
 * `details[<code>]` fields become the category's answers. Every invalid field
 * is reported at once.
 */
export function parseSubmission(fields: Record<string, unknown>): SubmitReport {
  const details: Record<string, string> = {};
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const detail = /^details\[([a-z0-9-]+)\]$/.exec(key);
    if (detail) details[detail[1]] = String(value);
    else if ((key === 'latitude' || key === 'longitude') && typeof value === 'string') plain[key] = decimalPoint(value);
    else if (['category', 'latitude', 'longitude', 'address', 'description', 'privacy', 'region', 'contact', 'notifyEmail'].includes(key))
      plain[key] = value === '' && key !== 'description' ? undefined : value;
  }
  if (Object.keys(details).length) plain.details = details;
  const submission = plainToInstance(SubmitReport, plain);
  const errors = validateSync(submission);
  if (errors.length) {
    const problems = errors.map((e) => ({
      field: e.property,
      message: Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`,
    }));
    throw new ReportError(ReportErrorCode.InvalidField, { field: problems[0].field }, problems[0].field, problems);
  }
  return submission;
}

/**
 * Indonesian keyboards type a decimal comma (`-6,2`): one comma between
 * digits is read as the decimal point. Anything else is left for the validator.
 */
export function decimalPoint(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^[-+−]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.').replace('−', '-') : trimmed.replace(/^−/, '-');
}
