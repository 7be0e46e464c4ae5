import { readReportForm, UploadedPhoto } from '@app/reports';

/** A POST requests body, flattened: `attribute[code]` keys as the spec writes them, and any `media` file parts. */
export interface Open311Form {
  fields: Record<string, string>;
  media: UploadedPhoto[];
}

interface FormRequest {
  isMultipart?: () => boolean;
  parts?: (options?: object) => AsyncIterable<never>;
  body?: unknown;
}

/**
 * Reads the body however the client sent it: urlencoded (the spec's format,
 * FixMyStreet), multipart (python `three` when it sends a `media` file), or
 * JSON, where `attribute` may also be an object of code → value.
 */
export async function readOpen311Form(req: FormRequest): Promise<Open311Form> {
  if (req.isMultipart?.()) {
    const form = await readReportForm(req, ['media']);
    return { fields: form.fields, media: (form.files.media ?? []).map((f) => ({ data: f.data })) };
  }
  const fields: Record<string, string> = {};
  const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'attribute' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [code, answer] of Object.entries(value as Record<string, unknown>))
        if (isScalar(answer)) fields[`attribute[${code}]`] = String(answer);
    } else if (Array.isArray(value)) {
      // A repeated form field: the first value, as most servers do.
      if (isScalar(value[0])) fields[key] = String(value[0]);
    } else if (isScalar(value)) {
      fields[key] = String(value);
    }
  }
  return { fields, media: [] };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
