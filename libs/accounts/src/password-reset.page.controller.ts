import { Body, Controller, Get, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { WebRequest } from '@app/security';
import { Locale, TenantContext, TenantUrls } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus, ViewEngine } from '@app/views';
import { AccountsError } from './accounts.errors';
import { fieldErrors, toFormError, withStatus } from './accounts.page.mapper';
import { EMAIL, PASSWORD_MIN_LENGTH } from './accounts.service';
import { ForgotPasswordForm, NewPasswordForm } from './dto/account-forms';
import { PasswordResetService } from './password-reset.service';

/**
 * Forgotten password (/masuk/lupa) and the e-mailed link (/masuk/sandi-baru/:token),
 * for citizens and staff. The token is in the path of a page that sends no
 * referrer and is never cached; the request logs record the route pattern only.
 */
@Controller('masuk')
export class PasswordResetPageController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly urls: TenantUrls,
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  @Get('lupa')
  @Page('password-forgot')
  forgotForm(@PageLocale() locale: Locale) {
    return this.forgotModel(locale);
  }

  /** The same answer for every address, known or not. */
  @Post('lupa')
  @HttpCode(200)
  @Page('password-forgot')
  async forgot(@PageLocale() locale: Locale, @Body() form: ForgotPasswordForm, @Req() req: WebRequest) {
    const email = (form.email ?? '').trim();
    try {
      if (!EMAIL.test(email)) throw new AccountsError('email-invalid', 'not an email address');
      await this.resets.request(email, String(req.ip), locale, (token) => this.urls.url(`/masuk/sandi-baru/${token}`));
    } catch (e) {
      const errors = [toFormError(e)];
      return withStatus(e, { ...this.forgotModel(locale, email), errors, errorOf: fieldErrors(errors) });
    }
    return { ...this.forgotModel(locale, email), sent: true };
  }

  @Get('sandi-baru/:token')
  @Page('password-reset')
  @Header('referrer-policy', 'no-referrer')
  async resetForm(@PageLocale() locale: Locale, @Param('token') token: string) {
    const account = await this.resets.check(token);
    const model = this.resetModel(locale, token, account?.email ?? null);
    return account ? model : new PageWithStatus(404, model);
  }

  @Post('sandi-baru/:token')
  @HttpCode(200)
  @Page('password-reset')
  @Header('referrer-policy', 'no-referrer')
  async reset(@PageLocale() locale: Locale, @Param('token') token: string, @Body() form: NewPasswordForm) {
    try {
      await this.resets.reset(token, form.password ?? '');
      return new PageRedirect('/masuk?sandi=baru');
    } catch (e) {
      const account = await this.resets.check(token);
      const errors = [toFormError(e)];
      const model = { ...this.resetModel(locale, token, account?.email ?? null), errors, errorOf: fieldErrors(errors) };
      // A dead link is not found, whatever was posted to it.
      return e instanceof AccountsError && e.code === 'reset-invalid' ? new PageWithStatus(404, model) : withStatus(e, model);
    }
  }

  private forgotModel(locale: Locale, email = '') {
    return {
      title: this.views.text(this.context.tenant, locale, 'accounts.reset.forgotTitle'),
      email,
      sent: false,
      errors: [],
      errorOf: {},
    };
  }

  private resetModel(locale: Locale, token: string, email: string | null) {
    return {
      title: this.views.text(this.context.tenant, locale, 'accounts.reset.title'),
      token,
      email,
      valid: email !== null,
      passwordMinLength: PASSWORD_MIN_LENGTH,
      errors: [],
      errorOf: {},
    };
  }
}
