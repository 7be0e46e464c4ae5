import { Body, Controller, Get, Header, HttpCode, HttpException, Param, ParseUUIDPipe, Post, Query, Req, UseFilters } from '@nestjs/common';
import { AccountView, Authenticated, CurrentAccount } from '@app/accounts';
import { readForm } from '@app/media';
import { CsrfGuard, CsrfService, CsrfVerifiedInHandler, WebRequest } from '@app/security';
import { Locale, TenantContext, TenantService } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus } from '@app/views';
import { ArticleForm, parseArticleForm } from '../article-input';
import { ARTICLE_STATUSES, ArticleStatus } from '../entities';
import { renderMarkdown } from '../markdown/markdown-renderer';
import { NewsEditorialService } from '../news-editorial.service';
import { NEWS_ERROR_STATUS, NewsError, NewsErrorCode } from '../news-error';
import { NewsErrorPageFilter } from '../pages/news-error.page-filter';
import { NewsPagesMapper } from '../pages/news-pages.mapper';
import { NEWS_STAFF_ROLES } from '../workflow/news-workflow';
import { newsActorOf } from './news-actor';
import { NewsNoteForm } from './news-note.form';

type FormRequest = WebRequest & Parameters<typeof readForm>[0];
const UUID = new ParseUUIDPipe();

/**
 * The news console (/admin/berita): editors write drafts and send them for
 * review; reviewers (and admins) publish, send back or take down articles
 * they did not write. Draft forms are multipart (the cover image), so their
 * handlers check the CSRF token themselves; the action forms are urlencoded
 * and checked by the guard.
 */
@Controller('admin/berita')
@TenantService('news')
@Authenticated({ roles: [...NEWS_STAFF_ROLES] })
@UseFilters(NewsErrorPageFilter)
export class NewsAdminPageController {
  constructor(
    private readonly editorial: NewsEditorialService,
    private readonly pages: NewsPagesMapper,
    private readonly csrf: CsrfService,
    private readonly csrfGuard: CsrfGuard,
    private readonly context: TenantContext,
  ) {}

  @Get()
  @Page('admin-news-list')
  @Header('cache-control', 'no-store')
  async list(
    @Req() req: WebRequest,
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Query('status') rawStatus?: string,
    @Query('halaman') rawPage?: string,
  ) {
    const actor = newsActorOf(account, req);
    const status = (ARTICLE_STATUSES as readonly string[]).includes(String(rawStatus)) ? (rawStatus as ArticleStatus) : undefined;
    const page = Math.min(Math.max(1, Number.parseInt(String(rawPage ?? '1'), 10) || 1), 1000);
    return this.pages.adminList(
      locale,
      actor,
      status,
      page,
      await this.editorial.counts(actor),
      await this.editorial.list(actor, status, page),
    );
  }

  @Get('baru')
  @Page('admin-news-form')
  @Header('cache-control', 'no-store')
  newForm(@Req() req: WebRequest, @PageLocale() locale: Locale, @CurrentAccount() account: AccountView) {
    this.editorial.assertWriter(newsActorOf(account, req));
    return this.pages.form(locale, null, null);
  }

  @Post('baru')
  @HttpCode(200)
  @CsrfVerifiedInHandler()
  @Page('admin-news-form')
  @Header('cache-control', 'no-store')
  async create(@Req() req: FormRequest, @PageLocale() locale: Locale, @CurrentAccount() account: AccountView) {
    const actor = newsActorOf(account, req);
    const { fields, cover } = await this.readDraftForm(req);
    try {
      const input = parseArticleForm(fields, this.context.tenant.config.timezone);
      if (fields.intent === 'preview') return this.pages.form(locale, null, fields, { preview: renderMarkdown(input.bodyMarkdown) });
      const article = await this.editorial.create(actor, { input, cover });
      return new PageRedirect(`/admin/berita/${article.id}?selesai=created`);
    } catch (error) {
      if (!(error instanceof NewsError) || NEWS_ERROR_STATUS[error.code] !== 422) throw error;
      return new PageWithStatus(422, this.pages.form(locale, null, fields, { error }));
    }
  }

  @Get(':id')
  @Page('admin-news-article')
  @Header('cache-control', 'no-store')
  async show(
    @Req() req: WebRequest,
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Param('id', UUID) id: string,
    @Query('selesai') done?: string,
  ) {
    const actor = newsActorOf(account, req);
    const { article, timeline } = await this.editorial.find(actor, id);
    return this.pages.adminArticle(locale, actor, article, timeline, { done });
  }

  @Get(':id/ubah')
  @Page('admin-news-form')
  @Header('cache-control', 'no-store')
  async editForm(
    @Req() req: WebRequest,
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Param('id', UUID) id: string,
  ) {
    const actor = newsActorOf(account, req);
    const { article } = await this.editorial.find(actor, id);
    this.editorial.assertMay(actor, article, 'edit');
    return this.pages.form(locale, article, null);
  }

  @Post(':id/ubah')
  @HttpCode(200)
  @CsrfVerifiedInHandler()
  @Page('admin-news-form')
  @Header('cache-control', 'no-store')
  async update(
    @Req() req: FormRequest,
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Param('id', UUID) id: string,
  ) {
    const actor = newsActorOf(account, req);
    const { fields, cover } = await this.readDraftForm(req);
    const { article } = await this.editorial.find(actor, id);
    try {
      const input = parseArticleForm(fields, this.context.tenant.config.timezone);
      if (fields.intent === 'preview') {
        this.editorial.assertMay(actor, article, 'edit');
        return this.pages.form(locale, article, fields, { preview: renderMarkdown(input.bodyMarkdown) });
      }
      await this.editorial.update(actor, id, { input, cover, removeCover: fields.removeCover === '1' });
      return new PageRedirect(`/admin/berita/${id}?selesai=edited`);
    } catch (error) {
      if (!(error instanceof NewsError) || NEWS_ERROR_STATUS[error.code] !== 422) throw error;
      return new PageWithStatus(422, this.pages.form(locale, article, fields, { error }));
    }
  }

  @Post(':id/ajukan')
  @HttpCode(200)
  @Page('admin-news-article')
  submit(@Req() req: WebRequest, @PageLocale() locale: Locale, @CurrentAccount() account: AccountView, @Param('id', UUID) id: string) {
    return this.act(req, locale, account, id, 'submitted', (actor) => this.editorial.submit(actor, id));
  }

  @Post(':id/terbitkan')
  @HttpCode(200)
  @Page('admin-news-article')
  publish(@Req() req: WebRequest, @PageLocale() locale: Locale, @CurrentAccount() account: AccountView, @Param('id', UUID) id: string) {
    return this.act(req, locale, account, id, 'published', (actor) => this.editorial.publish(actor, id));
  }

  @Post(':id/tolak')
  @HttpCode(200)
  @Page('admin-news-article')
  reject(
    @Req() req: WebRequest,
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Param('id', UUID) id: string,
    @Body() body: NewsNoteForm,
  ) {
    return this.act(req, locale, account, id, 'rejected', (actor) => this.editorial.reject(actor, id, body.note ?? ''));
  }

  @Post(':id/tarik')
  @HttpCode(200)
  @Page('admin-news-article')
  unpublish(
    @Req() req: WebRequest,
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Param('id', UUID) id: string,
    @Body() body: NewsNoteForm,
  ) {
    return this.act(req, locale, account, id, 'unpublished', (actor) => this.editorial.unpublish(actor, id, body.note ?? ''));
  }

  /**
   * One workflow step: done, back to the article (Post/Redirect/Get); refused,
   * the article again with the reason and the refusal's status (403 for
   * publishing one's own article). An article the actor may not see is 404.
   */
  private async act(
    req: WebRequest,
    locale: Locale,
    account: AccountView,
    id: string,
    done: string,
    run: (actor: ReturnType<typeof newsActorOf>) => Promise<unknown>,
  ) {
    const actor = newsActorOf(account, req);
    try {
      await run(actor);
      return new PageRedirect(`/admin/berita/${id}?selesai=${done}`);
    } catch (error) {
      if (!(error instanceof NewsError) || error.code === NewsErrorCode.NotFound) throw error;
      const { article, timeline } = await this.editorial.find(actor, id);
      return new PageWithStatus(NEWS_ERROR_STATUS[error.code], this.pages.adminArticle(locale, actor, article, timeline, { error }));
    }
  }

  /** The draft form's fields and cover file, after checking its CSRF token (multipart: the guard cannot). */
  private async readDraftForm(req: FormRequest): Promise<{ fields: ArticleForm & Record<string, string>; cover?: { data: Buffer } }> {
    let form;
    try {
      form = await readForm(req, ['cover']);
    } catch (error) {
      // Refused at the edge (a NUL in a text field): answered as it is.
      if (error instanceof HttpException) throw error;
      // Unreadable or over the limits: nothing was saved, whatever the token.
      throw new NewsError(NewsErrorCode.CoverInvalid);
    }
    if (!this.csrf.verifyToken(req, form.fields._csrf)) throw this.csrfGuard.rejection(req);
    const cover = form.files.cover?.[0];
    return { fields: form.fields, cover: cover ? { data: cover.data } : undefined };
  }
}
