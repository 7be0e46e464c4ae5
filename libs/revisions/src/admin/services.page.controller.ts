import { Body, Controller, Get, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import { AccountView, Authenticated, CurrentAccount } from '@app/accounts';
import { WebRequest } from '@app/security';
import { isServiceKey, JsonObject, serviceTitle, Locale, SERVICE_CATALOG, Tenant, TenantContext } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus, ViewEngine } from '@app/views';
import { TenantConfigService } from '../tenant-config.service';
import { adminActor, AdminForm, formErrors, FormErrors, isFormError, revisionMessage } from './admin-page';
import { problemDescriber } from './problem-text';

const SERVICE_KEYS = Object.keys(SERVICE_CATALOG).filter(isServiceKey);

/** Services (/admin/layanan): enable or disable each, and its title. */
@Controller('admin/layanan')
@Authenticated({ roles: ['admin'] })
export class ServicesPageController {
  constructor(
    private readonly config: TenantConfigService,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
  ) {}

  @Get()
  @Page('admin-services')
  @Header('cache-control', 'no-store')
  show(@PageLocale() locale: Locale, @Query('tersimpan') saved?: string) {
    return this.model(locale, servicesForm(this.context.tenant), { errors: [], errorOf: {} }, saved);
  }

  @Post()
  @HttpCode(200)
  @Page('admin-services')
  @Header('cache-control', 'no-store')
  async save(@PageLocale() locale: Locale, @Body() form: AdminForm, @CurrentAccount() account: AccountView, @Req() req: WebRequest) {
    try {
      const revision = await this.config.propose(
        servicesPatch(this.context.tenant, form),
        adminActor(account, req),
        revisionMessage(this.views, this.context.tenant, form.message, 'services'),
      );
      return new PageRedirect(`/admin/layanan?tersimpan=${revision.revision}`);
    } catch (error) {
      if (!isFormError(error)) throw error;
      return new PageWithStatus(
        422,
        this.model(locale, form, formErrors(error.problems, serviceField, problemDescriber(this.views, this.context.tenant, locale))),
      );
    }
  }

  private model(locale: Locale, form: AdminForm, errors: FormErrors, saved?: string) {
    return {
      title: this.views.text(this.context.tenant, locale, 'admin.config.nav.services'),
      nav: 'services',
      saved,
      form,
      ...errors,
      services: SERVICE_KEYS.map((key) => ({
        key,
        icon: SERVICE_CATALOG[key].icon,
        name: SERVICE_CATALOG[key].title[locale],
        ownName: ownName(serviceTitle(this.context.tenant, key, locale), SERVICE_CATALOG[key].title[locale]),
        enabled: form[`enabled_${key}`] === 'on',
        titleId: form[`title_id_${key}`] ?? '',
        titleEn: form[`title_en_${key}`] ?? '',
        errorId: errors.errorOf[`title_id_${key}`],
        errorEn: errors.errorOf[`title_en_${key}`],
        error: errors.errorOf[`enabled_${key}`],
      })),
    };
  }
}

const ownName = (own: string, catalog: string) => (own === catalog ? null : own);

export function servicesForm(tenant: Tenant): AdminForm {
  const form: AdminForm = {};
  for (const key of SERVICE_KEYS) {
    const service = tenant.config.services[key];
    const title = service?.settings?.title as { id?: string; en?: string } | undefined;
    if (service?.enabled) form[`enabled_${key}`] = 'on';
    form[`title_id_${key}`] = title?.id ?? '';
    form[`title_en_${key}`] = title?.en ?? '';
  }
  return form;
}

/** Every catalog service as the form says: enabled or not, and its own title (cleared: the catalog's name). */
export function servicesPatch(tenant: Tenant, form: AdminForm): JsonObject {
  const services: JsonObject = {};
  for (const key of SERVICE_KEYS) {
    const had = tenant.config.services[key]?.settings?.title !== undefined;
    const id = String(form[`title_id_${key}`] ?? '').trim();
    const en = String(form[`title_en_${key}`] ?? '').trim();
    const entry: JsonObject = { enabled: form[`enabled_${key}`] === 'on' };
    if (id || en) entry.settings = { title: { id, en: en || null } };
    else if (had) entry.settings = { title: null };
    services[key] = entry;
  }
  return { services };
}

/** `services.news.settings.title.id` → `title_id_news`. */
export function serviceField(path: string): string | undefined {
  const m = /^services\.([a-z]+)(?:\.settings\.title\.(id|en)|\.enabled)?/.exec(path);
  if (!m || !isServiceKey(m[1])) return undefined;
  return m[2] ? `title_${m[2]}_${m[1]}` : `enabled_${m[1]}`;
}
