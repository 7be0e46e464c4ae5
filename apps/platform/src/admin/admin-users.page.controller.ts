import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import {
  AccountsError, AccountView, Authenticated, CurrentAccount, fieldErrors, invitableRoles, Invitation, StaffService, toFormError, withStatus,
} from '@app/accounts';
import { WebRequest } from '@app/security';
import { Locale, TenantContext, TenantUrls } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, ViewEngine } from '@app/views';
import { InviteForm, ScopeForm } from './admin-forms';
import { actorOf, formatTime, isoTime } from './admin-format';

/**
 * /admin/pengguna: staff accounts of the tenant. Invite (an account with a
 * one-time link to set a password, shown to the admin: there is no mail yet),
 * change agency and region scope, disable (ends the account's sessions).
 */
@Controller('admin/pengguna')
@Authenticated({ roles: ['admin'] })
export class AdminUsersPageController {
  constructor(private readonly staff: StaffService, private readonly context: TenantContext, private readonly views: ViewEngine, private readonly urls: TenantUrls) {}

  @Get()
  @Page('admin-users')
  list(@PageLocale() locale: Locale, @CurrentAccount() me: AccountView) {
    return this.model(locale, me);
  }

  @Post()
  @HttpCode(200)
  @Page('admin-users')
  async invite(@PageLocale() locale: Locale, @CurrentAccount() me: AccountView, @Body() form: InviteForm, @Req() req: WebRequest) {
    try {
      const invitation = await this.staff.invite({
        email: form.email ?? '', displayName: form.displayName ?? '', role: form.role ?? '', agencyCode: form.agencyCode, regionCode: form.regionCode,
      }, actorOf(me, req));
      return this.model(locale, me, { invitation, origin: this.urls.origin() });
    } catch (e) {
      return withStatus(e, await this.model(locale, me, { form, error: e }));
    }
  }

  @Post(':id/cakupan')
  @HttpCode(200)
  @Page('admin-users')
  async scope(@PageLocale() locale: Locale, @CurrentAccount() me: AccountView, @Param('id') id: string, @Body() form: ScopeForm, @Req() req: WebRequest) {
    try {
      await this.staff.changeScope(id, form.agencyCode, form.regionCode, actorOf(me, req));
      return new PageRedirect('/admin/pengguna');
    } catch (e) {
      notFoundIfNotStaff(e);
      return withStatus(e, await this.model(locale, me, { error: e }));
    }
  }

  @Post(':id/nonaktifkan')
  @HttpCode(200)
  @Page('admin-users')
  async disable(@CurrentAccount() me: AccountView, @Param('id') id: string, @Req() req: WebRequest) {
    try {
      await this.staff.disable(id, actorOf(me, req));
    } catch (e) {
      notFoundIfNotStaff(e);
      throw e;
    }
    return new PageRedirect('/admin/pengguna');
  }

  private async model(locale: Locale, me: AccountView, extra: { invitation?: Invitation; origin?: string; form?: InviteForm; error?: unknown } = {}) {
    const tenant = this.context.tenant;
    const { agencies, regions, timezone } = tenant.config;
    const errors = extra.error === undefined ? [] : [toFormError(extra.error)];
    const agencyOptions = Object.entries(agencies).map(([code, a]) => ({ code, name: a.name }));
    const regionOptions = Object.entries(regions).map(([code, r]) => ({ code, name: r.name }));
    const members = await this.staff.list();
    return {
      title: this.views.text(tenant, locale, 'admin.users.title'),
      adminSection: 'pengguna',
      staff: members.map((m) => ({
        id: m.account.id, email: m.account.email, displayName: m.account.displayName, roleKey: `accounts.roles.${m.account.role}`,
        agency: m.account.agencyCode ? agencies[m.account.agencyCode]?.name ?? m.account.agencyCode : '',
        region: m.account.regionCode ? regions[m.account.regionCode]?.name ?? m.account.regionCode : '',
        agencyCode: m.account.agencyCode, regionCode: m.account.regionCode,
        disabled: m.disabled, totpEnabled: m.totpEnabled, self: m.account.id === me.id,
        canEdit: !m.disabled && m.account.role !== 'admin',
        invited: m.invitationExpiresAt !== null, invitationExpires: formatTime(m.invitationExpiresAt, timezone, locale),
        agencyOptions: agencyOptions.map((o) => ({ ...o, selected: o.code === m.account.agencyCode })),
        regionOptions: regionOptions.map((o) => ({ ...o, selected: o.code === m.account.regionCode })),
      })),
      roles: invitableRoles().map((code) => ({ code, key: `accounts.roles.${code}`, selected: code === (extra.form?.role ?? 'officer') })),
      agencyOptions: agencyOptions.map((o) => ({ ...o, selected: o.code === extra.form?.agencyCode })),
      regionOptions: regionOptions.map((o) => ({ ...o, selected: o.code === extra.form?.regionCode })),
      form: { email: extra.form?.email ?? '', displayName: extra.form?.displayName ?? '' },
      invitation: extra.invitation ? {
        email: extra.invitation.account.email,
        // No mail is sent yet: the admin hands this link over.
        link: `${extra.origin ?? ''}/undangan/${extra.invitation.token}`,
        expires: formatTime(extra.invitation.expiresAt, timezone, locale), expiresIso: isoTime(extra.invitation.expiresAt, timezone),
      } : null,
      errors,
      errorOf: fieldErrors(errors),
    };
  }
}

function notFoundIfNotStaff(e: unknown): void {
  if (e instanceof AccountsError && e.code === 'not-staff') throw new NotFoundException();
}
