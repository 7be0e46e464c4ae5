import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, isRejectedInput } from '@app/database';
import { isStorageUnavailable, STORAGE_RETRY_AFTER_SECONDS } from '@app/media';
import { REPORT_ERROR_STATUS, ReportError, ReportErrorCode } from '@app/reports';
import { TenantContext } from '@app/tenancy';
import { apiLocale, ViewEngine } from '@app/views';
import { CONTENT_TYPES, formatOf, Open311Format, serialize } from './open311-format';

/** A refusal in GeoReport v2 terms: 400, 403 or 404 (and 429 when a key exceeds its rate). */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/** The format a request asked for, from its path's extension; XML (the spec's required format) when it names none we serve. */
export function requestFormat(url: string | undefined): Open311Format {
  const path = (url ?? '').split('?')[0];
  return formatOf(/\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase()) ?? 'xml';
}

/**
 * Every error of an Open311 route as the spec's list of `{code, description}`,
 * in the format the path asked for. Report errors keep their locale text
 * (`reports.errors.<code>`); their status folds into the spec's 400 / 404.
 */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<{ url?: string; headers: Record<string, string | undefined> }>();
    const reply = host.switchToHttp().getResponse<Reply>();
    const { status, description, retryAfter } = this.describe(error, req);
    if (retryAfter) reply.header('retry-after', String(retryAfter));
    const format = requestFormat(req.url);
    reply
      .status(status)
      .header('content-type', CONTENT_TYPES[format])
      .send(serialize(format, { root: 'errors', body: [{ code: status, description }] }));
  }

  private describe(
    error: unknown,
    req: { headers: Record<string, string | undefined> },
  ): { status: number; description: string; retryAfter?: number } {
    if (error instanceof Open311Error) return error;
    if (error instanceof ReportError) {
      const tenant = this.context.tenant;
      const status =
        error.code === ReportErrorCode.NotFound
          ? 404
          : error.code === ReportErrorCode.RateLimited
            ? 429
            : REPORT_ERROR_STATUS[error.code] >= 500
              ? 500
              : 400;
      const text = this.views.text(tenant, apiLocale(req, tenant), `reports.errors.${error.code}`, error.params);
      const description = error.problems.length ? error.problems.map((p) => p.message).join('; ') : text;
      return { status, description, retryAfter: typeof error.params.retryAfter === 'number' ? error.params.retryAfter : undefined };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse() as { message?: unknown };
      const message =
        typeof response !== 'object'
          ? error.message
          : Array.isArray(response.message)
            ? response.message.join('; ')
            : typeof response.message === 'string'
              ? response.message
              : error.message;
      return { status, description: status === 404 ? 'not found' : message };
    }
    // The database away is a 503 the client retries; a value PostgreSQL refused is a 400, like any bad parameter.
    if (isStorageUnavailable(error))
      return { status: 503, description: 'service temporarily unavailable, retry later', retryAfter: STORAGE_RETRY_AFTER_SECONDS };
    if (isDatabaseUnavailable(error))
      return { status: 503, description: 'service temporarily unavailable, retry later', retryAfter: DATABASE_RETRY_AFTER_SECONDS };
    if (isRejectedInput(error)) return { status: 400, description: 'invalid parameter value' };
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { status: 500, description: 'internal error' };
  }
}
