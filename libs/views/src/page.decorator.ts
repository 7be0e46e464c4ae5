import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseInterceptors } from '@nestjs/common';
import { PageInterceptor, PageRequest } from './page.interceptor';

export const PAGE_TEMPLATE = 'replika:page-template';

/** The handler returns a view model; it is rendered as `pages/<name>` for the request's tenant and locale. */
export const Page = (name: string) => applyDecorators(SetMetadata(PAGE_TEMPLATE, name), UseInterceptors(PageInterceptor));

/** The locale the page is rendered in, for handlers that build localized view models. */
export const PageLocale = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<PageRequest>().locale);
