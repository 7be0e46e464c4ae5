import { inspectPhoto, InspectedPhoto, MediaError, MediaErrorCode, MultipartForm, readForm, tenantKey } from '@app/media';
import { ReportError, ReportErrorCode } from '../report-error';

/** Where a report's photo lives: `<tenant>/reports/<report>/<photo>.<ext>`. */
export function photoKey(tenant: string, reportId: string, photoId: string, extension: string): string {
  return tenantKey(tenant, 'reports', reportId, `${photoId}.${extension}`);
}

const REPORT_CODE: Record<MediaErrorCode, ReportErrorCode> = {
  [MediaErrorCode.FileTooLarge]: ReportErrorCode.PhotoTooLarge,
  [MediaErrorCode.NotImage]: ReportErrorCode.PhotoNotImage,
  [MediaErrorCode.TooManyFiles]: ReportErrorCode.TooManyPhotos,
  [MediaErrorCode.UnreadableForm]: ReportErrorCode.InvalidField,
};

/** A refused upload in the reports' own terms, so their forms and JSON answer it like any report problem. */
export function reportErrorOf(error: MediaError): ReportError {
  const code = REPORT_CODE[error.code];
  return new ReportError(code, error.params, code === ReportErrorCode.InvalidField ? undefined : (error.field ?? 'photos'));
}

/** readForm for the reports' routes: a refused form throws ReportError. */
export async function readReportForm(req: Parameters<typeof readForm>[0], fileFields: string[]): Promise<MultipartForm> {
  try {
    return await readForm(req, fileFields);
  } catch (error) {
    throw error instanceof MediaError ? reportErrorOf(error) : error;
  }
}

/** inspectPhoto for report photos and evidence: a refused photo throws ReportError. */
export async function inspectReportPhoto(data: Buffer, maxBytes: number): Promise<InspectedPhoto> {
  try {
    return await inspectPhoto(data, maxBytes);
  } catch (error) {
    throw error instanceof MediaError ? reportErrorOf(error) : error;
  }
}
