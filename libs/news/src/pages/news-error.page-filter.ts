import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { TenantContext } from '@app/tenancy';
import { pageLocalsOf, RequestLike, requestLocale, ViewEngine } from '@app/views';
import { NEWS_ERROR_STATUS, NewsError, NewsErrorCode } from '../news-error';

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/**
 * News errors that reach a page's edge (an article that does not exist for
 * this reader, an action they may not take): the themed error page with the
 * code's status and message. Forms never get here; they re-render with it.
 */
@Catch(NewsError)
export class NewsErrorPageFilter implements ExceptionFilter {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  catch(error: NewsError, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<RequestLike>();
    const reply = host.switchToHttp().getResponse<Reply>();
    const tenant = this.context.tenant;
    const locale = requestLocale(req, tenant);
    const status = NEWS_ERROR_STATUS[error.code];
    const text = (key: string) => this.views.text(tenant, locale, key);
    const notFound = error.code === NewsErrorCode.NotFound;
    const html = this.views.render(
      tenant,
      'pages/error',
      {
        title: status,
        heading: notFound ? text('errors.notFound') : text('admin.news.errors.heading'),
        message: notFound ? text('errors.notFoundBody') : text(`admin.news.errors.${error.code}`),
        ...pageLocalsOf(req),
      },
      locale,
    );
    reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }
}
