import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, isRejectedInput } from '@app/database';
import { isStorageUnavailable, STORAGE_RETRY_AFTER_SECONDS } from '@app/media';
import { TenantContext } from '@app/tenancy';
import { pageLocalsOf, requestLocale, ViewEngine } from '@app/views';

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/**
 * Errors as the caller reads them: a themed page for browsers, JSON for API
 * clients. Unexpected errors are logged with the tenant and shown without
 * detail.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<{ url: string; method: string; query: unknown; headers: Record<string, string | undefined> }>();
    const reply = http.getResponse<Reply>();
    const tenant = this.context.hasTenant ? this.context.tenant : null;
    const wantsHtml = !/^\/(api|open311)\//.test(req.url) && String(req.headers.accept ?? '').includes('text/html');
    const locale = requestLocale(req, tenant);
    // The database or the file store away (restarting, unreachable) is a 503 the client may retry, not our bug; a value PostgreSQL refused is the caller's.
    const storageAway = isStorageUnavailable(error);
    const unavailable = !(error instanceof HttpException) && (storageAway || isDatabaseUnavailable(error));
    const rejected = !(error instanceof HttpException) && !unavailable && isRejectedInput(error);
    const status =
      error instanceof HttpException
        ? error.getStatus()
        : unavailable
          ? HttpStatus.SERVICE_UNAVAILABLE
          : rejected
            ? HttpStatus.BAD_REQUEST
            : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status >= 500) {
      const detail = error instanceof Error ? (unavailable ? error.message : (error.stack ?? error.message)) : String(error);
      this.logger.error(`[${tenant?.slug ?? '-'}] ${req.method} ${req.url}: ${detail}`);
    }
    if (unavailable) reply.header('retry-after', String(storageAway ? STORAGE_RETRY_AFTER_SECONDS : DATABASE_RETRY_AFTER_SECONDS));

    const body =
      error instanceof HttpException
        ? error.getResponse()
        : unavailable
          ? { statusCode: status, error: 'Service Unavailable', message: this.views.text(tenant, locale, 'errors.unavailableBody') }
          : rejected
            ? { statusCode: status, error: 'Bad Request', message: this.views.text(tenant, locale, 'errors.input.invalid') }
            : { statusCode: status, message: 'Internal server error' };
    if (!wantsHtml) {
      reply
        .status(status)
        .header('content-type', 'application/json; charset=utf-8')
        .send(typeof body === 'string' ? { statusCode: status, message: body } : body);
      return;
    }
    const key = status === 404 ? 'notFound' : status === 503 ? 'unavailable' : status >= 500 ? 'server' : null;
    const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    // The ValidationPipe's list of English constraint messages is for API clients; a page says it in the user's language.
    const message = key
      ? undefined
      : Array.isArray(raw)
        ? this.views.text(tenant, locale, 'errors.input.invalid')
        : typeof raw === 'string'
          ? raw
          : '';
    const html = this.views.render(
      tenant,
      'pages/error',
      {
        title: status,
        heading: key ? this.views.text(tenant, locale, `errors.${key}`) : `${status}`,
        message: message ?? this.views.text(tenant, locale, `errors.${key}Body`),
        ...pageLocalsOf(req), // the signed-in account and CSRF token, when guards got that far
      },
      locale,
    );
    reply.status(status).header('content-type', 'text/html; charset=utf-8').send(html);
  }
}
