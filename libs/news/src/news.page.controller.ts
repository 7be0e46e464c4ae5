import { Controller, Get } from '@nestjs/common';
import { Locale, serviceTitle, TenantContext, TenantService } from '@app/tenancy';
import { Page, PageLocale } from '@app/views';

/** News (JakWarta). Articles and two-person publishing are built in the admin console issue. */
@Controller('berita')
@TenantService('news')
export class NewsPageController {
  constructor(private readonly context: TenantContext) {}

  @Get()
  @Page('coming-soon')
  index(@PageLocale() locale: Locale) {
    const title = serviceTitle(this.context.tenant, 'news', locale);
    return { title, heading: title };
  }
}
