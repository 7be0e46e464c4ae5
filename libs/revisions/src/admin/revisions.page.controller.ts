import { Body, Controller, Get, Header, HttpCode, NotFoundException, Param, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { stringify } from 'yaml';
import { AccountView, Authenticated, CurrentAccount } from '@app/accounts';
import { WebRequest } from '@app/security';
import { Locale, TenantContext } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus, ViewEngine } from '@app/views';
import { TenantConfigError, TenantConfigErrorCode } from '../tenant-config.error';
import { TenantConfigService } from '../tenant-config.service';
import { adminActor, AdminForm, formErrors, FormErrors, revisionMessage } from './admin-page';

/** Revisions (/admin/revisi): each with the change it made to the effective config, and a rollback to any. */
@Controller('admin/revisi')
@Authenticated({ roles: ['admin'] })
export class RevisionsPageController {
  constructor(private readonly config: TenantConfigService, private readonly context: TenantContext, private readonly views: ViewEngine) {}

  @Get()
  @Page('admin-revisions')
  @Header('cache-control', 'no-store')
  async list(@PageLocale() locale: Locale, @Query('tersimpan') saved?: string) {
    return this.model(locale, { errors: [], errorOf: {} }, saved);
  }

  @Post(':revision/kembalikan')
  @HttpCode(200)
  @Page('admin-revisions')
  @Header('cache-control', 'no-store')
  async rollback(@PageLocale() locale: Locale, @Param('revision', ParseIntPipe) to: number, @Body() form: AdminForm, @CurrentAccount() account: AccountView, @Req() req: WebRequest) {
    try {
      const revision = await this.config.rollback(to, adminActor(account, req), revisionMessage(this.views, this.context.tenant, form.message, 'rollback', { revision: to }));
      return new PageRedirect(`/admin/revisi?tersimpan=${revision.revision}`);
    } catch (error) {
      if (!(error instanceof TenantConfigError)) throw error;
      if (error.code === TenantConfigErrorCode.UnknownRevision) throw new NotFoundException();
      return new PageWithStatus(422, await this.model(locale, formErrors(error.problems, () => undefined)));
    }
  }

  private async model(locale: Locale, errors: FormErrors, saved?: string) {
    const history = await this.config.history();
    return {
      title: this.views.text(this.context.tenant, locale, 'admin.config.nav.revisions'), nav: 'revisions', saved, ...errors,
      current: this.context.tenant.revision,
      revisions: history.map(({ revision, diff, current }) => ({
        revision: revision.revision, author: revision.author, message: revision.message, current,
        at: revision.createdAt.toISOString(), when: revision.createdAt.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { timeZone: this.context.tenant.config.timezone }),
        diff: stringify(diff).trim(),
      })),
    };
  }
}
