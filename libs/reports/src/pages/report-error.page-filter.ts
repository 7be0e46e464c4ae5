import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { TenantContext } from '@app/tenancy';
import { pageLocalsOf, RequestLike, requestLocale, ViewEngine } from '@app/views';
import { REPORT_ERROR_STATUS, ReportError } from '../report-error';

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/**
 * Report errors that reach a page's edge (a ticket that does not exist for
 * this reader, an action they may not take): the themed error page with the
 * code's status and message. Form errors never get here; the handlers
 * re-render their form with them.
 */
@Catch(ReportError)
export class ReportErrorPageFilter implements ExceptionFilter {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  catch(error: ReportError, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<RequestLike>();
    const reply = host.switchToHttp().getResponse<Reply>();
    const tenant = this.context.tenant;
    const locale = requestLocale(req, tenant);
    const status = REPORT_ERROR_STATUS[error.code];
    const text = (key: string, params?: Record<string, unknown>) => this.views.text(tenant, locale, key, params);
    const html = this.views.render(
      tenant,
      'pages/error',
      {
        title: status,
        heading: status === 404 ? text('errors.notFound') : text('reports.errors.heading'),
        message: text(`reports.errors.${error.code}`, error.params),
        ...pageLocalsOf(req),
      },
      locale,
    );
    reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }
}
