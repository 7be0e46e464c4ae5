import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { AccountView, Authenticated, CurrentAccount } from '@app/accounts';
import { MEDIA_ERROR_STATUS, MediaError, MediaStorage, readForm } from '@app/media';
import { CsrfGuard, CsrfService, CsrfVerifiedInHandler, WebReply, WebRequest } from '@app/security';
import { Json, JsonObject, Locale, TenantContext } from '@app/tenancy';
import {
  AA_TEXT,
  readableOn,
  contrastRatio,
  Page,
  PageLocale,
  pageLocalsOf,
  PageRedirect,
  PageWithStatus,
  requestLocale,
  ViewEngine,
} from '@app/views';
import { TenantConfigService } from '../tenant-config.service';
import { adminActor, AdminForm, FormError, formErrors, FormErrors, isFormError, revisionMessage } from './admin-page';
import { problemDescriber } from './problem-text';
import { LOGO_MAX_BYTES, storeLogo } from './tenant-logo';

const LOGO_MAX_MB = LOGO_MAX_BYTES / 1_048_576;

export const COLOR_NAMES = ['primary', 'secondary', 'accent', 'text', 'background'] as const;

/** Where the home page is rendered with proposed, unsaved branding (for the preview's frame; apps/platform). */
export const BRANDING_PREVIEW_PATH = '/admin/tampilan/pratinjau/beranda';
const BRANDING_FIELDS = ['appName', ...COLOR_NAMES, 'tagline_id', 'tagline_en'] as const;

/** The proposed branding as the preview frame's query. */
export function brandingPreviewQuery(form: AdminForm): string {
  return new URLSearchParams(BRANDING_FIELDS.map((f): [string, string] => [f, String(form[f] ?? '')])).toString();
}

/** Branding (/admin/tampilan): app name, colours, tagline, with a preview before saving. */
@Controller('admin/tampilan')
@Authenticated({ roles: ['admin'] })
export class BrandingPageController {
  constructor(
    private readonly config: TenantConfigService,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
    private readonly csrf: CsrfService,
    private readonly csrfGuard: CsrfGuard,
    private readonly storage: MediaStorage,
  ) {}

  @Get()
  @Page('admin-branding')
  @Header('cache-control', 'no-store')
  show(@PageLocale() locale: Locale, @Query('tersimpan') saved?: string) {
    return this.model(locale, this.formOf(), { errors: [], errorOf: {} }, saved);
  }

  @Post()
  @HttpCode(200)
  @Page('admin-branding')
  @Header('cache-control', 'no-store')
  async save(@PageLocale() locale: Locale, @Body() form: AdminForm, @CurrentAccount() account: AccountView, @Req() req: WebRequest) {
    const unreadable = this.contrastErrors(locale, form);
    if (unreadable) return new PageWithStatus(422, this.model(locale, form, unreadable));
    try {
      const revision = await this.config.propose(
        brandingPatch(form),
        adminActor(account, req),
        revisionMessage(this.views, this.context.tenant, form.message, 'branding'),
      );
      return new PageRedirect(`/admin/tampilan?tersimpan=${revision.revision}`);
    } catch (error) {
      if (!isFormError(error)) throw error;
      return new PageWithStatus(
        422,
        this.model(locale, form, formErrors(error.problems, brandingField, problemDescriber(this.views, this.context.tenant, locale))),
      );
    }
  }

  /**
   * A new logo (multipart): checked by its content (PNG, JPEG or WebP), re-encoded,
   * stored under the tenant's prefix, and saved as a revision like any branding change.
   * The page previews the chosen file before it is sent.
   */
  @Post('logo')
  @HttpCode(200)
  @CsrfVerifiedInHandler()
  @Page('admin-branding')
  @Header('cache-control', 'no-store')
  async uploadLogo(@PageLocale() locale: Locale, @Req() req: WebRequest, @CurrentAccount() account: AccountView) {
    const form = await readForm(req as never, ['logo']).catch((error: unknown) => {
      if (error instanceof MediaError) return error;
      throw error;
    });
    if (!(form instanceof MediaError) && !this.csrf.verifyToken(req, form.fields._csrf)) throw this.csrfGuard.rejection(req);
    const tenant = this.context.tenant;
    const logoError = (text: string) =>
      this.model(locale, this.formOf(), { errors: [{ field: 'logo', path: 'branding.logo', text }], errorOf: { logo: text } });
    const refuse = (error: MediaError) =>
      new PageWithStatus(
        MEDIA_ERROR_STATUS[error.code],
        logoError(this.views.text(tenant, locale, `media.errors.${error.code}`, { ...error.params, maxMb: LOGO_MAX_MB })),
      );
    if (form instanceof MediaError) return refuse(form);
    const file = form.files.logo?.[0];
    if (!file) return new PageWithStatus(422, logoError(this.views.text(tenant, locale, 'admin.config.branding.logoRequired')));
    try {
      const logo = await storeLogo(this.storage, tenant.slug, file.data);
      const revision = await this.config.propose(
        { branding: { logo } },
        adminActor(account, req),
        revisionMessage(this.views, tenant, form.fields.message, 'branding'),
      );
      return new PageRedirect(`/admin/tampilan?tersimpan=${revision.revision}`);
    } catch (error) {
      if (error instanceof MediaError) return refuse(error);
      throw error;
    }
  }

  /**
   * The real home page as it would look with the proposed branding, in a
   * sandboxed frame of this page (BRANDING_PREVIEW_PATH renders it with the
   * proposed values in its query); nothing is saved. An unreadable colour or
   * an invalid value is refused here as on save.
   */
  @Post('pratinjau')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  preview(@Body() form: AdminForm, @Req() req: WebRequest, @Res({ passthrough: true }) reply: WebReply) {
    const tenant = this.context.tenant;
    const locale = requestLocale(req, tenant);
    const locals = { ...pageLocalsOf(req), csrfToken: this.csrf.issue(req, reply) };
    reply.header('content-type', 'text/html; charset=utf-8');
    const refuse = (errors: FormErrors) => {
      (reply as unknown as { status(code: number): unknown }).status(422);
      return this.views.render(tenant, 'pages/admin-branding', { ...locals, ...this.model(locale, form, errors) }, locale);
    };
    const unreadable = this.contrastErrors(locale, form);
    if (unreadable) return refuse(unreadable);
    try {
      this.config.preview(brandingPatch(form));
    } catch (error) {
      if (!isFormError(error)) throw error;
      return refuse(formErrors(error.problems, brandingField, problemDescriber(this.views, this.context.tenant, locale)));
    }
    return this.views.render(
      tenant,
      'pages/admin-branding-preview',
      {
        ...locals,
        title: this.views.text(tenant, locale, 'admin.config.branding.previewHeading'),
        form,
        frameSrc: `${BRANDING_PREVIEW_PATH}?${brandingPreviewQuery(form)}`,
      },
      locale,
    );
  }

  /**
   * WCAG AA for what is drawn as text: body text and links/headings (primary)
   * on the background. Text on the primary colour (header, buttons) is chosen
   * for it (textColorOn), so any hue works there. Each refusal suggests the
   * nearest colour of the same hue that reads.
   */
  private contrastErrors(locale: Locale, form: AdminForm): FormErrors | null {
    const hex = (name: string) => {
      const v = String(form[name] ?? '').trim();
      return /^#[0-9a-fA-F]{6}$/.test(v) ? v.toLowerCase() : null;
    };
    const background = hex('background');
    if (!background) return null;
    const errors: FormError[] = [];
    for (const name of ['primary', 'text'] as const) {
      const color = hex(name);
      if (!color || contrastRatio(color, background) >= AA_TEXT) continue;
      const text = this.views.text(this.context.tenant, locale, 'admin.config.branding.lowContrast', {
        color,
        background,
        ratio: contrastRatio(color, background)
          .toFixed(1)
          .replace('.', locale === 'id' ? ',' : '.'),
        suggestion: readableOn(color, background),
      });
      errors.push({ field: name, path: `branding.colors.${name}`, text });
    }
    return errors.length ? { errors, errorOf: Object.fromEntries(errors.map((e) => [e.field!, e.text])) } : null;
  }

  private formOf(): AdminForm {
    const { branding } = this.context.tenant.config;
    return {
      appName: branding.appName,
      tagline_id: branding.tagline?.id ?? '',
      tagline_en: branding.tagline?.en ?? '',
      ...Object.fromEntries(COLOR_NAMES.map((c) => [c, branding.colors[c]])),
    };
  }

  private model(locale: Locale, form: AdminForm, errors: FormErrors, saved?: string) {
    return {
      title: this.views.text(this.context.tenant, locale, 'admin.config.nav.branding'),
      nav: 'branding',
      form,
      saved,
      ...errors,
      logoUrl: this.context.tenant.config.branding.logo ? `/${this.context.tenant.config.branding.logo}` : undefined,
      colors: COLOR_NAMES.map((name) => ({
        name,
        label: this.views.text(this.context.tenant, locale, `admin.config.branding.color.${name}`),
        value: form[name] ?? '',
        valid: /^#[0-9a-fA-F]{6}$/.test(form[name] ?? ''),
        error: errors.errorOf[name],
      })),
    };
  }
}

export function brandingPatch(form: AdminForm): JsonObject {
  const field = (name: string) => String(form[name] ?? '').trim();
  const tagline: Json = field('tagline_id') ? { id: field('tagline_id'), en: field('tagline_en') || null } : null;
  return {
    branding: {
      appName: field('appName'),
      tagline,
      colors: Object.fromEntries(COLOR_NAMES.map((c) => [c, field(c)])),
    },
  };
}

/** `branding.colors.primary` → `primary`, `branding.tagline.id` → `tagline_id`. */
export function brandingField(path: string): string | undefined {
  const m = /^branding\.(appName|colors\.(\w+)|tagline\.(id|en))/.exec(path);
  if (!m) return undefined;
  return m[2] ?? (m[3] ? `tagline_${m[3]}` : m[1]);
}
