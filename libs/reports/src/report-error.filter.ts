import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { TenantContext } from '@app/tenancy';
import { apiLocale, RequestLike, ViewEngine } from '@app/views';
import { REPORT_ERROR_STATUS, ReportError } from './report-error';

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/** Report errors for API clients: the status of the code, and a message that says what to fix, in their language. */
@Catch(ReportError)
export class ReportErrorJsonFilter implements ExceptionFilter {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  catch(error: ReportError, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<RequestLike>();
    const tenant = this.context.tenant;
    const status = REPORT_ERROR_STATUS[error.code];
    const message = this.views.text(tenant, apiLocale(req, tenant), `reports.errors.${error.code}`, error.params);
    const reply = host.switchToHttp().getResponse<Reply>();
    if (status === 429 && error.params.retryAfter) reply.header('retry-after', String(error.params.retryAfter));
    reply
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        statusCode: status,
        error: error.code,
        message: error.problems.length ? error.problems.map((p) => p.message).join('; ') : message,
        ...(error.field ? { field: error.field } : {}),
        ...(error.problems.length ? { fields: error.problems } : {}),
      });
  }
}
