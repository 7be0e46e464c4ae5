import { HttpException } from '@nestjs/common';
import { MediaError, MediaErrorCode } from './media-error';

/** A multipart form's fields and the files of the inputs the route asked for. */
export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, { data: Buffer; filename: string }[]>;
}

interface MultipartPart {
  type: 'file' | 'field';
  fieldname: string;
  value?: unknown;
  filename?: string;
  toBuffer?: () => Promise<Buffer>;
  file?: { truncated: boolean };
}

interface MultipartRequest {
  isMultipart?: () => boolean;
  parts?: (options?: object) => AsyncIterable<MultipartPart>;
  body?: unknown;
}

/** Hard ceilings for any tenant and any form; each tenant's own (smaller) limits are checked by the domain. */
export const UPLOAD_LIMITS = { fileSize: 10 * 1_048_576, files: 10, fields: 40, fieldSize: 16_384 };

const MAX_MB = Math.round(UPLOAD_LIMITS.fileSize / 1_048_576);

/**
 * Reads a multipart form (fields and file parts) with @fastify/multipart;
 * a urlencoded or JSON body comes back as fields without files.
 */
export async function readForm(req: MultipartRequest, fileFields: string[]): Promise<MultipartForm> {
  const form: MultipartForm = { fields: {}, files: {} };
  if (!req.isMultipart?.()) {
    for (const [k, v] of Object.entries((req.body as Record<string, unknown>) ?? {})) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') form.fields[k] = String(v);
    }
    return form;
  }
  try {
    for await (const part of req.parts!({ limits: UPLOAD_LIMITS })) {
      if (part.type === 'field') form.fields[part.fieldname] = typeof part.value === 'string' ? part.value : '';
      else if (fileFields.includes(part.fieldname)) {
        const data = await part.toBuffer!();
        if (part.file?.truncated) throw new MediaError(MediaErrorCode.FileTooLarge, { maxMb: MAX_MB }, part.fieldname);
        // An empty file input still sends a part; it is not a photo.
        if (data.length > 0) (form.files[part.fieldname] ??= []).push({ data, filename: part.filename ?? '' });
      } else {
        await part.toBuffer!();
      }
    }
  } catch (error) {
    // A refusal at the edge (a NUL in a text field) is answered as it is.
    if (error instanceof MediaError || error instanceof HttpException) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new MediaError(MediaErrorCode.FileTooLarge, { maxMb: MAX_MB });
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new MediaError(MediaErrorCode.TooManyFiles, { max: UPLOAD_LIMITS.files });
    throw new MediaError(MediaErrorCode.UnreadableForm, { field: 'body' });
  }
  return form;
}
