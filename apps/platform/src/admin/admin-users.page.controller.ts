import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import {
  AccountsError,
  AccountView,
  Authenticated,
  CurrentAccount,
  fieldErrors,
  invitableRoles,
  Invitation,
  StaffService,
  StaffSessionsService,
  toFormError,
  withStatus,
} from '@app/accounts';
import { WebRequest } from '@app/security';
import { Locale, TenantContext, TenantUrls } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, ViewEngine } from '@app/views';
import { InviteForm, ScopeForm } from './admin-forms';
import { actorOf, formatTime, isoTime } from './admin-format';

/**
 * /admin/pengguna: staff accounts of the tenant. Invite (an account with a
 * one-time link to set a password, e-mailed to the invitee; the admin can
 * still see it once as a fallback), change agency and region scope, disable
 * (ends the account's sessions), see a member's sessions and end them (audited).
 */
@Controller('admin/pengguna')
@Authenticated({ roles: ['admin'] })
export class AdminUsersPageController {
  constructor(
    private readonly staff: StaffService,
    private readonly staffSessions: StaffSessionsService,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
    private readonly urls: TenantUrls,
  ) {}

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
      const tenant = this.context.tenant;
      const invitation = await this.staff.invite(
        {
          email: form.email ?? '',
          displayName: form.displayName ?? '',
          role: form.role ?? '',
          agencyCode: form.agencyCode,
          regionCode: form.regionCode,
        },
        actorOf(me, req),
        {
          linkOf: (token) => this.urls.url(`/undangan/${token}`),
          locale,
          roleName: this.views.text(tenant, locale, `accounts.roles.${form.role ?? ''}`),
          timeText: (at) => formatTime(at, tenant.config.timezone, locale),
        },
      );
      return this.model(locale, me, { invitation, origin: this.urls.origin() });
    } catch (e) {
      return withStatus(e, await this.model(locale, me, { form, error: e }));
    }
  }

  @Post(':id/cakupan')
  @HttpCode(200)
  @Page('admin-users')
  async scope(
    @PageLocale() locale: Locale,
    @CurrentAccount() me: AccountView,
    @Param('id') id: string,
    @Body() form: ScopeForm,
    @Req() req: WebRequest,
  ) {
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

  @Get(':id/sesi')
  @Page('admin-user-sessions')
  async sessions(@PageLocale() locale: Locale, @Param('id') id: string, @Query('selesai') ended?: string) {
    const tenant = this.context.tenant;
    try {
      const member = await this.staffSessions.list(id);
      return {
        title: this.views.text(tenant, locale, 'admin.users.sessionsTitle'),
        adminSection: 'pengguna',
        member: { id, email: member.email, displayName: member.displayName, roleKey: `accounts.roles.${member.role}` },
        sessions: member.sessions.map((s) => ({
          id: s.id,
          device: s.device,
          createdAt: formatTime(s.createdAt, tenant.config.timezone, locale),
          lastSeenAt: formatTime(s.lastSeenAt, tenant.config.timezone, locale),
        })),
        ended: ended === '1',
      };
    } catch (e) {
      notFoundIfNotStaff(e);
      throw e;
    }
  }

  @Post(':id/sesi/akhiri-semua')
  @HttpCode(200)
  @Page('admin-user-sessions')
  async endAllSessions(@CurrentAccount() me: AccountView, @Param('id') id: string, @Req() req: WebRequest) {
    try {
      await this.staffSessions.endAll(id, actorOf(me, req));
    } catch (e) {
      notFoundIfNotStaff(e);
      throw e;
    }
    return new PageRedirect(`/admin/pengguna/${id}/sesi?selesai=1`);
  }

  @Post(':id/sesi/:session/akhiri')
  @HttpCode(200)
  @Page('admin-user-sessions')
  async endSession(@CurrentAccount() me: AccountView, @Param('id') id: string, @Param('session') session: string, @Req() req: WebRequest) {
    try {
      await this.staffSessions.end(id, session, actorOf(me, req));
    } catch (e) {
      notFoundIfNotStaff(e);
      if (e instanceof AccountsError && e.code === 'session-not-found') throw new NotFoundException();
      throw e;
    }
    return new PageRedirect(`/admin/pengguna/${id}/sesi?selesai=1`);
  }

  private async model(
    locale: Locale,
    me: AccountView,
    extra: { invitation?: Invitation; origin?: string; form?: InviteForm; error?: unknown } = {},
  ) {
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
        id: m.account.id,
        email: m.account.email,
        displayName: m.account.displayName,
        roleKey: `accounts.roles.${m.account.role}`,
        agency: m.account.agencyCode ? (agencies[m.account.agencyCode]?.name ?? m.account.agencyCode) : '',
        region: m.account.regionCode ? (regions[m.account.regionCode]?.name ?? m.account.regionCode) : '',
        agencyCode: m.account.agencyCode,
        regionCode: m.account.regionCode,
        disabled: m.disabled,
        totpEnabled: m.totpEnabled,
        self: m.account.id === me.id,
        canEdit: !m.disabled && m.account.role !== 'admin',
        invited: m.invitationExpiresAt !== null,
        invitationExpires: formatTime(m.invitationExpiresAt, timezone, locale),
        agencyOptions: agencyOptions.map((o) => ({ ...o, selected: o.code === m.account.agencyCode })),
        regionOptions: regionOptions.map((o) => ({ ...o, selected: o.code === m.account.regionCode })),
      })),
      roles: invitableRoles().map((code) => ({ code, key: `accounts.roles.${code}`, selected: code === (extra.form?.role ?? 'officer') })),
      agencyOptions: agencyOptions.map((o) => ({ ...o, selected: o.code === extra.form?.agencyCode })),
      regionOptions: regionOptions.map((o) => ({ ...o, selected: o.code === extra.form?.regionCode })),
      form: { email: extra.form?.email ?? '', displayName: extra.form?.displayName ?? '' },
      invitation: extra.invitation
        ? {
            email: extra.invitation.account.email,
            // E-mailed to the invitee; shown once here too, folded away, in case the mail does not arrive.
            link: `${extra.origin ?? ''}/undangan/${extra.invitation.token}`,
            expires: formatTime(extra.invitation.expiresAt, timezone, locale),
            expiresIso: isoTime(extra.invitation.expiresAt, timezone),
          }
        : null,
      errors,
      errorOf: fieldErrors(errors),
    };
  }
}

function notFoundIfNotStaff(e: unknown): void {
  if (e instanceof AccountsError && e.code === 'not-staff') throw new NotFoundException();
}
