import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { AccountView, Authenticated, CurrentAccount, fieldErrors, toFormError, TotpService, withStatus } from '@app/accounts';
import { WebRequest } from '@app/security';
import { Locale, securityOf, TenantContext } from '@app/tenancy';
import { Page, PageForm, PageLocale, PageRedirect, PageWithStatus, ViewEngine } from '@app/views';
import { IsOptional, IsString, MaxLength } from 'class-validator';

class EnrollForm extends PageForm {
  @IsOptional() @IsString() @MaxLength(20) code?: string;
}

/**
 * /admin/keamanan: the admin's own two-factor sign-in. Where the tenant
 * requires TOTP the admin enrolled at first sign-in already; elsewhere an
 * admin enrolls here (and from then on signs in with a code).
 */
@Controller('admin/keamanan')
@Authenticated({ roles: ['admin'] })
export class AdminSecurityPageController {
  constructor(
    private readonly totp: TotpService,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
  ) {}

  @Get()
  @Page('admin-security')
  show(@PageLocale() locale: Locale, @CurrentAccount() me: AccountView) {
    return this.model(locale, me);
  }

  @Post()
  @HttpCode(200)
  @Page('admin-security')
  async enroll(@PageLocale() locale: Locale, @CurrentAccount() me: AccountView, @Body() form: EnrollForm, @Req() req: WebRequest) {
    try {
      const ip = req.ip ? String(req.ip) : null;
      if ((await this.totp.verify(me, form.code ?? '', ip)) === 'enrolled') {
        return new PageWithStatus(
          200,
          {
            title: this.views.text(this.context.tenant, locale, 'admin.totp.recoveryTitle'),
            codes: await this.totp.issueRecoveryCodes(me, ip),
            next: '/admin/keamanan',
          },
          'totp-recovery-codes',
        );
      }
      return new PageRedirect('/admin/keamanan');
    } catch (e) {
      return withStatus(e, await this.model(locale, me, e));
    }
  }

  private async model(locale: Locale, me: AccountView, error?: unknown) {
    const tenant = this.context.tenant;
    const errors = error === undefined ? [] : [toFormError(error)];
    const security = securityOf(tenant.config);
    return {
      title: this.views.text(tenant, locale, 'admin.totp.securityTitle'),
      adminSection: 'keamanan',
      enrolled: await this.totp.enrolled(me.id),
      recoveryLeft: await this.totp.recoveryCodesLeft(me.id),
      enrollment: await this.totp.enrollment(me),
      required: security.adminTotp,
      idleMinutes: security.idleMinutes,
      errors,
      errorOf: fieldErrors(errors),
    };
  }
}
