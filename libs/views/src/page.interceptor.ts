import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TenantContext } from '@app/tenancy';
import { map, Observable } from 'rxjs';
import { LOCALE_COOKIE, requestLocale } from './locale';
import { PAGE_TEMPLATE } from './page.decorator';
import { ViewEngine } from './view-engine';

interface Reply {
  header(name: string, value: string): unknown;
}

/** Renders a page handler's view model with the tenant's templates. */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector, private readonly views: ViewEngine, private readonly context: TenantContext) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<string> {
    const page = this.reflector.get<string>(PAGE_TEMPLATE, ctx.getHandler());
    const http = ctx.switchToHttp();
    const req = http.getRequest();
    const reply = http.getResponse<Reply>();
    const tenant = this.context.tenant;
    const locale = requestLocale(req, tenant);
    req.locale = locale; // read by @PageLocale() in the handler
    return next.handle().pipe(map((model: object) => {
      reply.header('content-type', 'text/html; charset=utf-8');
      if ((req.query as Record<string, unknown>)?.lang === locale) {
        reply.header('set-cookie', `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`);
      }
      return this.views.render(tenant, `pages/${page}`, model, locale);
    }));
  }
}
