import { Controller, Get, Header, NotFoundException, Param, ParseUUIDPipe, Query, Res, UseFilters } from '@nestjs/common';
import { AccountView, OptionalAccount } from '@app/accounts';
import { Locale, TenantService } from '@app/tenancy';
import { AnonymousCache, Page, PageLocale } from '@app/views';
import { NewsService } from '../news.service';
import { NEWS_STAFF_ROLES } from '../workflow/news-workflow';
import { NewsErrorPageFilter } from './news-error.page-filter';
import { NewsPagesMapper } from './news-pages.mapper';

interface Reply {
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/** News (JakWarta) on the portal: the published articles, newest first, and each article. */
@Controller('berita')
@TenantService('news')
@UseFilters(NewsErrorPageFilter)
export class NewsPageController {
  constructor(
    private readonly news: NewsService,
    private readonly pages: NewsPagesMapper,
  ) {}

  @Get()
  @Page('news-index')
  @AnonymousCache()
  async index(@PageLocale() locale: Locale, @Query('halaman') raw?: string) {
    const page = Math.min(Math.max(1, Number.parseInt(String(raw ?? '1'), 10) || 1), 1000);
    return this.pages.index(locale, page, await this.news.published(page));
  }

  /**
   * A cover image: anyone's once its article is public, otherwise only the
   * news staff's (for the console preview). Another tenant's id finds nothing.
   */
  @Get('sampul/:id')
  async cover(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: Reply, @OptionalAccount() account?: AccountView) {
    const staff = account !== undefined && (NEWS_STAFF_ROLES as readonly string[]).includes(account.role);
    const file = await this.news.cover(id, staff);
    if (!file) throw new NotFoundException();
    return reply
      .header('content-type', file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', file.isPublic ? 'public, max-age=3600' : 'private, no-store')
      .send(file.data);
  }

  @Get(':slug')
  @Page('news-article')
  @AnonymousCache()
  @Header('cache-control', 'no-cache')
  async article(@PageLocale() locale: Locale, @Param('slug') slug: string) {
    return this.pages.article(locale, await this.news.article(String(slug).toLowerCase()));
  }
}
