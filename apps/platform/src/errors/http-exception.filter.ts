import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
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

  constructor(private readonly views: ViewEngine, private readonly context: TenantContext) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<{ url: string; method: string; query: unknown; headers: Record<string, string | undefined> }>();
    const reply = http.getResponse<Reply>();
    const status = error instanceof HttpException ? error.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const tenant = this.context.hasTenant ? this.context.tenant : null;
    if (status >= 500) this.logger.error(`[${tenant?.slug ?? '-'}] ${req.method} ${req.url}: ${(error as Error)?.stack ?? error}`);

    const body = error instanceof HttpException ? error.getResponse() : { statusCode: status, message: 'Internal server error' };
    const wantsHtml = !/^\/(api|open311)\//.test(req.url) && String(req.headers.accept ?? '').includes('text/html');
    if (!wantsHtml) {
      reply.status(status).header('content-type', 'application/json; charset=utf-8').send(typeof body === 'string' ? { statusCode: status, message: body } : body);
      return;
    }
    const locale = requestLocale(req, tenant);
    const key = status === 404 ? 'notFound' : status >= 500 ? 'server' : null;
    const message = key ? undefined : typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? '');
    const html = this.views.render(tenant, 'pages/error', {
      title: status,
      heading: key ? this.views.text(tenant, locale, `errors.${key}`) : `${status}`,
      message: message ?? this.views.text(tenant, locale, `errors.${key}Body`),
      ...pageLocalsOf(req), // the signed-in account and CSRF token, when guards got that far
    }, locale);
    reply.status(status).header('content-type', 'text/html; charset=utf-8').send(html);
  }
}
