import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { AccountView, Authenticated, CurrentAccount } from '@app/accounts';
import { IssuedKey, Open311KeyService } from '@app/open311';
import { WebRequest } from '@app/security';
import { Locale, TenantContext } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus, ViewEngine } from '@app/views';
import { ConfirmForm, KeyForm } from './admin-forms';
import { actorOf, formatTime } from './admin-format';

/** /admin/kunci-api: the tenant's Open311 API keys: issue (the key is shown once), list, revoke. */
@Controller('admin/kunci-api')
@Authenticated({ roles: ['admin'] })
export class AdminKeysPageController {
  constructor(
    private readonly keys: Open311KeyService,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
  ) {}

  @Get()
  @Page('admin-keys')
  list(@PageLocale() locale: Locale) {
    return this.model(locale);
  }

  @Post()
  @HttpCode(200)
  @Page('admin-keys')
  async issue(@PageLocale() locale: Locale, @CurrentAccount() me: AccountView, @Body() form: KeyForm, @Req() req: WebRequest) {
    const name = (form.name ?? '').trim();
    if (name.length < 1 || name.length > 100) {
      const errors = [{ field: 'name', key: 'admin.keys.errors.name' }];
      return new PageWithStatus(422, await this.model(locale, { errors, name: form.name ?? '' }));
    }
    const issued = await this.keys.issue(name, actorOf(me, req));
    return this.model(locale, { issued: { ...issued, name } });
  }

  /** Revoking asks first; declining (Batal) changes nothing. */
  @Get(':id/cabut')
  @Page('admin-confirm')
  async confirmRevoke(@PageLocale() locale: Locale, @Param('id') id: string) {
    return this.revokeStep(locale, id);
  }

  @Post(':id/cabut')
  @HttpCode(200)
  @Page('admin-keys')
  async revoke(
    @PageLocale() locale: Locale,
    @CurrentAccount() me: AccountView,
    @Param('id') id: string,
    @Body() form: ConfirmForm,
    @Req() req: WebRequest,
  ) {
    if (form.confirm !== 'yes') return new PageWithStatus(200, await this.revokeStep(locale, id), 'admin-confirm');
    // Unknown, already revoked, or another tenant's (RLS hides it): nothing to revoke here.
    if (!(await this.keys.revoke(id, actorOf(me, req)))) throw new NotFoundException();
    return new PageRedirect('/admin/kunci-api');
  }

  private async revokeStep(locale: Locale, id: string) {
    const key = (await this.keys.list()).find((k) => k.id === id && k.revokedAt === null);
    if (!key) throw new NotFoundException();
    const t = (k: string, params?: Record<string, unknown>) => this.views.text(this.context.tenant, locale, k, params);
    return {
      title: t('admin.confirm.revoke.title'),
      adminSection: 'kunci-api',
      errors: [],
      confirm: {
        heading: t('admin.confirm.revoke.heading', { name: key.name }),
        lines: [t('admin.confirm.revoke.body')],
        action: `/admin/kunci-api/${id}/cabut`,
        fields: [],
        yes: t('admin.confirm.revoke.yes'),
        cancel: '/admin/kunci-api',
      },
    };
  }

  private async model(
    locale: Locale,
    extra: { issued?: IssuedKey & { name: string }; errors?: { field: string; key: string }[]; name?: string } = {},
  ) {
    const tenant = this.context.tenant;
    const zone = tenant.config.timezone;
    const errors = extra.errors ?? [];
    return {
      title: this.views.text(tenant, locale, 'admin.keys.title'),
      adminSection: 'kunci-api',
      keys: (await this.keys.list()).map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        created: formatTime(k.createdAt, zone, locale),
        lastUsed: formatTime(k.lastUsedAt, zone, locale),
        revoked: formatTime(k.revokedAt, zone, locale),
        live: k.revokedAt === null,
      })),
      issued: extra.issued ?? null,
      name: extra.name ?? '',
      errors,
      errorOf: Object.fromEntries(errors.map((e) => [e.field, e])),
    };
  }
}
