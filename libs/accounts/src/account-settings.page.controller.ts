import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { WebReply, WebRequest } from '@app/security';
import { Locale, TenantContext } from '@app/tenancy';
import { formatDateTime } from '@app/config';
import { Page, PageLocale, PageRedirect, ViewEngine } from '@app/views';
import { AccountView } from './account.entity';
import { AccountSettingsService } from './account-settings.service';
import { AccountsError } from './accounts.errors';
import { fieldErrors, toFormError, withStatus } from './accounts.page.mapper';
import { PASSWORD_MIN_LENGTH } from './accounts.service';
import { Authenticated, CurrentAccount } from './authenticated.decorator';
import { ChangePasswordForm, DeleteAccountForm, ProfileForm } from './dto/account-forms';
import { SessionCookie } from './session-cookie';
import { SessionService } from './session.service';

/** Which notice the account page shows after a change (`?ok=`). */
const NOTICES = new Set(['profil', 'sandi', 'sesi']);

/**
 * The signed-in person's own account (/akun): name, password, sessions
 * (/akun/sesi: end one, or every other), and for citizens deletion
 * (/akun/hapus, with a confirmation step). CSRF is checked by the global guard.
 */
@Controller('akun')
@Authenticated()
export class AccountSettingsPageController {
  constructor(
    private readonly settings: AccountSettingsService,
    private readonly sessions: SessionService,
    private readonly cookie: SessionCookie,
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  @Get()
  @Page('account')
  account(@PageLocale() locale: Locale, @CurrentAccount() account: AccountView, @Query('ok') ok?: string) {
    return this.accountModel(locale, account, { notice: ok && NOTICES.has(ok) ? `accounts.account.notice.${ok}` : undefined });
  }

  @Post('profil')
  @HttpCode(200)
  @Page('account')
  async profile(@PageLocale() locale: Locale, @CurrentAccount() account: AccountView, @Body() form: ProfileForm) {
    try {
      await this.settings.updateProfile(account, form.displayName ?? '');
      return new PageRedirect('/akun?ok=profil');
    } catch (e) {
      return withStatus(e, this.accountModel(locale, account, { error: e, displayName: form.displayName }));
    }
  }

  @Post('sandi')
  @HttpCode(200)
  @Page('account')
  async password(
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Body() form: ChangePasswordForm,
    @Req() req: WebRequest,
  ) {
    try {
      await this.settings.changePassword(account, form.currentPassword ?? '', form.password ?? '', this.cookie.read(req));
      return new PageRedirect('/akun?ok=sandi#sandi');
    } catch (e) {
      return withStatus(e, this.accountModel(locale, account, { error: e }));
    }
  }

  @Get('sesi')
  @Page('account-sessions')
  async sessionList(
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Req() req: WebRequest,
    @Query('ok') ok?: string,
  ) {
    return this.sessionsModel(locale, account, req, ok === 'sesi');
  }

  @Post('sesi/akhiri-lainnya')
  @HttpCode(200)
  @Page('account-sessions')
  async endOthers(@CurrentAccount() account: AccountView, @Req() req: WebRequest) {
    await this.sessions.endOthers(account.id, this.cookie.read(req));
    return new PageRedirect('/akun/sesi?ok=sesi');
  }

  @Post('sesi/:id/akhiri')
  @HttpCode(200)
  @Page('account-sessions')
  async endOne(
    @CurrentAccount() account: AccountView,
    @Param('id') id: string,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) reply: WebReply,
  ) {
    const current = (await this.sessions.list(account.id, this.cookie.read(req))).find((s) => s.current);
    await this.sessions.endById(account.id, id);
    // Ending this very session is signing out.
    if (current?.id === id) {
      this.cookie.clear(req, reply);
      return new PageRedirect('/');
    }
    return new PageRedirect('/akun/sesi?ok=sesi');
  }

  @Get('hapus')
  @Page('account-delete')
  deleteForm(@PageLocale() locale: Locale, @CurrentAccount() account: AccountView) {
    return this.deleteModel(locale, account);
  }

  @Post('hapus')
  @HttpCode(200)
  @Page('account-delete')
  async delete(
    @PageLocale() locale: Locale,
    @CurrentAccount() account: AccountView,
    @Body() form: DeleteAccountForm,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) reply: WebReply,
  ) {
    try {
      await this.settings.delete(account, form.currentPassword ?? '', form.confirm === 'ya');
    } catch (e) {
      const errors = [e, ...(e instanceof AccountsError ? e.also : [])].map(toFormError);
      return withStatus(e, { ...this.deleteModel(locale, account), errors, errorOf: fieldErrors(errors) });
    }
    this.cookie.clear(req, reply);
    return {
      title: this.views.text(this.context.tenant, locale, 'accounts.delete.doneTitle'),
      deleted: true,
      citizen: true,
      errors: [],
      errorOf: {},
    };
  }

  private accountModel(locale: Locale, account: AccountView, extra: { error?: unknown; displayName?: string; notice?: string } = {}) {
    const { agencies } = this.context.tenant.config;
    const errors =
      extra.error === undefined ? [] : [extra.error, ...(extra.error instanceof AccountsError ? extra.error.also : [])].map(toFormError);
    return {
      title: this.views.text(this.context.tenant, locale, 'accounts.account.title'),
      profile: {
        displayName: extra.displayName ?? account.displayName,
        email: account.email,
        roleKey: `accounts.roles.${account.role}`,
        agency: account.agencyCode ? (agencies[account.agencyCode]?.name ?? account.agencyCode) : undefined,
      },
      citizen: account.role === 'citizen',
      passwordMinLength: PASSWORD_MIN_LENGTH,
      notice: extra.notice,
      errors,
      errorOf: fieldErrors(errors),
    };
  }

  private async sessionsModel(locale: Locale, account: AccountView, req: WebRequest, ended: boolean) {
    const { timezone } = this.context.tenant.config;
    const list = await this.sessions.list(account.id, this.cookie.read(req));
    return {
      title: this.views.text(this.context.tenant, locale, 'accounts.sessions.title'),
      sessions: list.map((s) => ({
        id: s.id,
        current: s.current,
        device: s.device,
        createdAt: formatDateTime(s.createdAt, locale, timezone),
        lastSeenAt: formatDateTime(s.lastSeenAt, locale, timezone),
      })),
      others: list.some((s) => !s.current),
      notice: ended ? 'accounts.sessions.ended' : undefined,
    };
  }

  private deleteModel(locale: Locale, account: AccountView) {
    return {
      title: this.views.text(this.context.tenant, locale, 'accounts.delete.title'),
      citizen: account.role === 'citizen',
      deleted: false,
      errors: [],
      errorOf: {},
    };
  }
}
