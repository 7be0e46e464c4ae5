import { Body, Controller, Get, Header, HttpCode, NotFoundException, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { stringify } from 'yaml';
import { AccountView, Authenticated, CurrentAccount } from '@app/accounts';
import { WebRequest } from '@app/security';
import { Locale, TenantContext } from '@app/tenancy';
import { formatDateTime } from '@app/config';
import { Page, PageLocale, PageRedirect, PageWithStatus, ViewEngine } from '@app/views';
import { TenantConfigError, TenantConfigErrorCode } from '../tenant-config.error';
import { TenantConfigService } from '../tenant-config.service';
import { adminActor, AdminForm, formErrors, FormErrors, revisionMessage } from './admin-page';
import { problemDescriber } from './problem-text';

/** A changed value as the diff table shows it: scalars as they are, objects as compact YAML. */
const shown = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : stringify(v).trim());

/** Revisions (/admin/revisi): each with the change it made to the effective config, and a rollback to any. */
@Controller('admin/revisi')
@Authenticated({ roles: ['admin'] })
export class RevisionsPageController {
  constructor(
    private readonly config: TenantConfigService,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
  ) {}

  @Get()
  @Page('admin-revisions')
  @Header('cache-control', 'no-store')
  async list(@PageLocale() locale: Locale, @Query('tersimpan') saved?: string) {
    return this.model(locale, { errors: [], errorOf: {} }, saved);
  }

  /** Rolling back asks first; declining (Batal) changes nothing. */
  @Get(':revision/kembalikan')
  @Page('admin-confirm')
  @Header('cache-control', 'no-store')
  async confirmRollback(@PageLocale() locale: Locale, @Param('revision', ParseIntPipe) to: number) {
    return this.rollbackStep(locale, to);
  }

  @Post(':revision/kembalikan')
  @HttpCode(200)
  @Page('admin-revisions')
  @Header('cache-control', 'no-store')
  async rollback(
    @PageLocale() locale: Locale,
    @Param('revision', ParseIntPipe) to: number,
    @Body() form: AdminForm,
    @CurrentAccount() account: AccountView,
    @Req() req: WebRequest,
  ) {
    if (form.confirm !== 'yes') return new PageWithStatus(200, await this.rollbackStep(locale, to), 'admin-confirm');
    try {
      const revision = await this.config.rollback(
        to,
        adminActor(account, req),
        revisionMessage(this.views, this.context.tenant, form.message, 'rollback', { revision: to }),
      );
      return new PageRedirect(`/admin/revisi?tersimpan=${revision.revision}`);
    } catch (error) {
      if (!(error instanceof TenantConfigError)) throw error;
      if (error.code === TenantConfigErrorCode.UnknownRevision) throw new NotFoundException();
      return new PageWithStatus(
        422,
        await this.model(
          locale,
          formErrors(error.problems, () => undefined, problemDescriber(this.views, this.context.tenant, locale)),
        ),
      );
    }
  }

  private async rollbackStep(locale: Locale, to: number) {
    const t = (key: string, params?: Record<string, unknown>) => this.views.text(this.context.tenant, locale, key, params);
    if (to !== 0 && !(await this.config.history()).some((h) => h.revision.revision === to)) throw new NotFoundException();
    return {
      title: t('admin.confirm.rollback.title'),
      nav: 'revisions',
      errors: [],
      confirm: {
        heading: to === 0 ? t('admin.confirm.rollback.headingFolder') : t('admin.confirm.rollback.heading', { revision: to }),
        lines: [t('admin.confirm.rollback.body')],
        action: `/admin/revisi/${to}/kembalikan`,
        fields: [],
        withMessage: true,
        yes: t('admin.confirm.rollback.yes'),
        cancel: '/admin/revisi',
      },
    };
  }

  private async model(locale: Locale, errors: FormErrors, saved?: string) {
    const history = await this.config.history();
    return {
      title: this.views.text(this.context.tenant, locale, 'admin.config.nav.revisions'),
      nav: 'revisions',
      saved,
      ...errors,
      current: this.context.tenant.revision,
      revisions: history.map(({ revision, diff, changes, current }) => ({
        revision: revision.revision,
        author: revision.author,
        message: revision.message,
        current,
        at: revision.createdAt.toISOString(),
        when: formatDateTime(revision.createdAt, locale, this.context.tenant.config.timezone),
        diff: stringify(diff).trim(),
        changes: changes.map((c) => ({
          path: c.path.join(' › '),
          from: shown(c.from),
          to: shown(c.to),
          added: c.from === undefined,
          removed: c.to === undefined,
        })),
      })),
    };
  }
}
