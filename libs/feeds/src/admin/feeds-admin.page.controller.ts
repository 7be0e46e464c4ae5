import { Body, Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { AccountView, Authenticated, CurrentAccount } from '@app/accounts';
import { TenantConfigError, TenantConfigErrorCode, TenantConfigService } from '@app/revisions';
import { WebRequest } from '@app/security';
import { Locale, TenantContext, TenantService } from '@app/tenancy';
import { Page, PageLocale, PageQuery, PageRedirect, PageWithStatus } from '@app/views';
import { FeedPuller } from '../pull/feed-puller';
import { FeedScheduler } from '../pull/feed-scheduler';
import { FeedsService } from '../feeds.service';
import { FeedsRepository } from '../feeds.repository';
import { FeedsAdminMapper } from './feeds-admin.mapper';
import { entryFromForm, FeedSourceForm, fieldOfPath, formFromSource, sourceOf, sourceProblems } from './feed-source-form';
import { IsOptional, IsString, MaxLength } from 'class-validator';

const CODE = /^[a-z0-9][a-z0-9-]{0,59}$/;

class FeedAdminQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(20) tersimpan?: string;
  @IsOptional() @IsString() @MaxLength(20) tarik?: string;
}

/**
 * The console's data sources (/admin/sumber-data), admins only: each source's
 * pulls (outcome, reason, rows), a form that edits it as a config revision
 * (validated like the folders), a test pull of the form as typed that shows
 * the first rows and stores nothing, and a button that queues a pull now.
 */
@Controller('admin/sumber-data')
@TenantService('feeds')
@Authenticated({ roles: ['admin'] })
export class FeedsAdminPageController {
  constructor(
    private readonly config: TenantConfigService,
    private readonly feeds: FeedsService,
    private readonly repository: FeedsRepository,
    private readonly puller: FeedPuller,
    private readonly scheduler: FeedScheduler,
    private readonly pages: FeedsAdminMapper,
    private readonly context: TenantContext,
  ) {}

  @Get()
  @Page('admin-feeds')
  @Header('cache-control', 'no-store')
  async list(@PageLocale() locale: Locale, @Query() _query: PageQuery) {
    return this.pages.list(locale, this.allSources(), await this.repository.statuses(Object.keys(this.allSources())));
  }

  @Get('baru')
  @Page('admin-feed-form')
  @Header('cache-control', 'no-store')
  newForm(@PageLocale() locale: Locale, @Query() _query: PageQuery) {
    return this.pages.form(
      locale,
      { mode: 'add', format: 'json', kind: 'food-prices', schedule: '0 */6 * * *', enabled: 'on' },
      { pulls: [] },
    );
  }

  @Get(':code')
  @Page('admin-feed-form')
  @Header('cache-control', 'no-store')
  async edit(@PageLocale() locale: Locale, @Param('code') code: string, @Query() query: FeedAdminQuery) {
    const source = this.allSources()[code];
    if (!source) throw new NotFoundException();
    return this.pages.form(locale, formFromSource(code, source), {
      pulls: await this.repository.pulls(code, 20),
      saved: query.tersimpan,
      queued: query.tarik === '1',
    });
  }

  @Post()
  @HttpCode(200)
  @Page('admin-feed-form')
  @Header('cache-control', 'no-store')
  async save(@PageLocale() locale: Locale, @Body() form: FeedSourceForm, @Req() req: WebRequest, @CurrentAccount() account: AccountView) {
    const code = (form.code ?? '').trim();
    const editing = form.mode === 'edit';
    const exists = Object.hasOwn(this.allSources(), code);
    const pulls = exists ? await this.repository.pulls(code, 20) : [];
    const codeProblem = !CODE.test(code) ? 'invalidCode' : editing !== exists ? (editing ? 'unknownCode' : 'codeTaken') : null;
    if (codeProblem)
      return new PageWithStatus(
        422,
        this.pages.form(locale, form, { pulls, errors: new Map([['code', this.pages.text(locale, `admin.feeds.errors.${codeProblem}`)]]) }),
      );
    const entry = entryFromForm(form);
    const problems = sourceProblems(sourceOf(entry));
    if (problems.size > 0)
      return new PageWithStatus(422, this.pages.form(locale, form, { pulls, errors: this.pages.describe(locale, problems) }));
    try {
      const message =
        (form.message ?? '').trim() ||
        this.pages.text(locale, editing ? 'admin.feeds.defaultMessage.edit' : 'admin.feeds.defaultMessage.add', { code });
      const revision = await this.config.propose(
        { feeds: { [code]: entry } },
        { accountId: account.id, label: account.email, ip: req.ip ?? null },
        message,
      );
      return new PageRedirect(`/admin/sumber-data/${code}?tersimpan=${revision.revision}`);
    } catch (error) {
      if (!(error instanceof TenantConfigError) || error.code === TenantConfigErrorCode.UnknownRevision) throw error;
      const prefix = `feeds.${code}.`;
      const byField = new Map(
        error.problems.map((p) => [p.path.startsWith(prefix) ? fieldOfPath(p.path.slice(prefix.length)) : 'code', p.message]),
      );
      return new PageWithStatus(422, this.pages.form(locale, form, { pulls, errors: this.pages.describe(locale, byField) }));
    }
  }

  /** A test pull of the form as typed: the first rows as they would be stored, or why the pull would fail. Nothing is saved. */
  @Post('uji')
  @HttpCode(200)
  @Page('admin-feed-form')
  @Header('cache-control', 'no-store')
  async trial(@PageLocale() locale: Locale, @Body() form: FeedSourceForm) {
    const code = (form.code ?? '').trim();
    const pulls = Object.hasOwn(this.allSources(), code) ? await this.repository.pulls(code, 20) : [];
    const source = sourceOf(entryFromForm(form));
    const problems = sourceProblems(source);
    if (problems.size > 0)
      return new PageWithStatus(422, this.pages.form(locale, form, { pulls, errors: this.pages.describe(locale, problems) }));
    return this.pages.form(locale, form, { pulls, trial: await this.puller.trial(source) });
  }

  @Post(':code/tarik')
  @Page('admin-feed-form')
  async pullNow(@Param('code') code: string) {
    if (!this.feeds.source(code)) throw new NotFoundException();
    await this.scheduler.requestPull(code);
    return new PageRedirect(`/admin/sumber-data/${code}?tarik=1`);
  }

  /** Every source in config, switched off ones too (the console edits them). */
  private allSources() {
    return Object.fromEntries(Object.entries(this.context.tenant.config.feeds ?? {}).filter(([, s]) => s));
  }
}
