import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isServiceKey, Locale, serviceTitle, Tenant, TenantConfig } from '@app/tenancy';
import { readableOn, textColorOn } from './contrast';
import { loadStrings, Strings, translate } from './strings';

export interface ViewEngineOptions {
  /** The base templates: layouts/, pages/, partials/, errors/. */
  viewsDir: string;
  /** The base strings: id.yaml, en.yaml. */
  localesDir: string;
}

/** A tenant's compiled templates and strings, built on its first render. */
interface TenantViews {
  hbs: typeof Handlebars;
  templates: Map<string, HandlebarsTemplateDelegate>;
  strings: Strings;
}

/**
 * Server-side rendering with template layering: a template or partial is
 * looked up in the tenant's `templates/`, then each ancestor's along
 * `extends`, then the base views, so a tenant overrides the smallest piece it
 * needs. Compiled templates are cached per tenant and name. `{{ }}` escapes;
 * raw output (`{{{ }}}`) is allowed only in the base views where the HTML is
 * our own render (raw-output.spec.ts lists them); tenant templates may not use it.
 */
export class ViewEngine {
  private readonly cache = new Map<string, TenantViews>();

  constructor(private readonly options: ViewEngineOptions) {}

  /** Renders `page` inside the layout. `tenant` null renders with the base views only (unknown host). */
  render(tenant: Tenant | null, page: string, model: object, locale: Locale): string {
    const views = this.viewsOf(tenant);
    const data = { locale, strings: views.strings };
    const full = { ...model, locale, site: siteOf(tenant, locale) };
    const body = this.template(views, tenant, page)(full, { data });
    return this.template(views, tenant, 'layouts/main')({ ...full, body }, { data });
  }

  /**
   * Renders `page` for a tenant as an admin proposes it (unsaved branding):
   * its templates and strings are compiled for this render only, so the
   * proposal never reaches the tenant's cached views (which share its slug)
   * and `{tenant.appName}` in strings is the proposed name.
   */
  renderPreview(tenant: Tenant, page: string, model: object, locale: Locale): string {
    const views = this.buildViews(tenant);
    const data = { locale, strings: views.strings };
    const full = { ...model, locale, site: siteOf(tenant, locale) };
    const body = this.template(views, tenant, page)(full, { data });
    return this.template(views, tenant, 'layouts/main')({ ...full, body }, { data });
  }

  /**
   * Renders `page` with the base views and strings only, under the given
   * branding: for a tenant kept out of service, whose own templates and
   * strings are not trusted (its config did not validate).
   */
  renderUnderBranding(branding: { appName?: string; colors?: object }, page: string, model: object, locale: Locale): string {
    const views = this.viewsOf(null);
    const data = { locale, strings: views.strings };
    const full = { ...model, locale, site: { ...siteOf(null, locale), ...branding, appName: branding.appName ?? 'Replika' } };
    const body = this.template(views, null, page)(full, { data });
    return this.template(views, null, 'layouts/main')({ ...full, body }, { data });
  }

  /**
   * Renders an e-mail template (`mail/<name>`, layered like pages, without the
   * page layout). `text: true` compiles it without HTML escaping, for the
   * plain-text part: nothing in it is ever read as HTML.
   */
  renderMail(tenant: Tenant, name: string, model: object, locale: Locale, { text }: { text: boolean }): string {
    const views = this.viewsOf(tenant);
    const data = { locale, strings: views.strings };
    return this.template(views, tenant, name, text)({ ...model, locale, site: siteOf(tenant, locale) }, { data });
  }

  /** One UI string of the tenant, for text built outside templates (errors, emails). */
  text(tenant: Tenant | null, locale: Locale, key: string, params?: Record<string, unknown>): string {
    return translate(this.viewsOf(tenant).strings, locale, key, params);
  }

  /** Forgets a tenant's compiled templates and strings (after a config reload). */
  invalidate(slug?: string): void {
    if (slug === undefined) this.cache.clear();
    else this.cache.delete(slug);
  }

  private template(views: TenantViews, tenant: Tenant | null, name: string, noEscape = false): HandlebarsTemplateDelegate {
    let template = views.templates.get(name);
    if (!template) {
      const file = this.dirsOf(tenant)
        .map((d) => join(d, `${name}.hbs`))
        .find(existsSync);
      if (!file) throw new Error(`template not found: ${name}`);
      template = views.hbs.compile(readFileSync(file, 'utf8'), { strict: false, noEscape });
      views.templates.set(name, template);
    }
    return template;
  }

  private viewsOf(tenant: Tenant | null): TenantViews {
    const key = tenant?.slug ?? '';
    let views = this.cache.get(key);
    if (!views) {
      views = this.buildViews(tenant);
      this.cache.set(key, views);
    }
    return views;
  }

  private buildViews(tenant: Tenant | null): TenantViews {
    const hbs = Handlebars.create();
    const strings = loadStrings(this.options.localesDir, tenant?.folders ?? [], tenant?.config);
    registerHelpers(hbs);
    // Base partials first, each more specific layer overriding by name.
    for (const dir of this.dirsOf(tenant).reverse()) {
      for (const [name, source] of partialsIn(join(dir, 'partials'))) hbs.registerPartial(name, source);
    }
    return { hbs, templates: new Map(), strings };
  }

  /** Template folders, most specific first. */
  private dirsOf(tenant: Tenant | null): string[] {
    return [...(tenant?.folders ?? []).map((f) => join(f, 'templates')), this.options.viewsDir];
  }
}

const LOCALE_LABELS: Record<Locale, string> = { id: 'Bahasa Indonesia', en: 'English' };

/** What the layout shows of the tenant: branding, the language switcher, and its enabled services by their own names. */
function siteOf(tenant: Tenant | null, locale: Locale) {
  if (!tenant) return { appName: 'Replika', name: '', locales: [], services: {} };
  const { branding, name, locale: locales } = tenant.config;
  const services: Record<string, { title: string }> = {};
  for (const [key, service] of Object.entries(tenant.config.services)) {
    if (service?.enabled && isServiceKey(key)) services[key] = { title: serviceTitle(tenant, key, locale) };
  }
  return {
    name,
    services,
    appName: branding.appName,
    // Text in the tenant's colours is corrected until it reads (readableColors); text drawn on the primary
    // colour (header, buttons) is white or dark, whichever reads (never white on yellow).
    colors: {
      ...readableColors(branding.colors),
      onPrimary: textColorOn(readableOn(readableOn(branding.colors.primary, '#ffffff'), branding.colors.background)),
      secondaryText: readableOn(branding.colors.secondary, branding.colors.background),
    },
    logoUrl: branding.logo ? `/${branding.logo}` : undefined,
    locales: locales.available.map((code) => ({ code, label: LOCALE_LABELS[code], current: code === locale })),
  };
}

/**
 * The tenant's colours as the pages use them for text: primary under white
 * header and button text and as link colour, secondary for taglines, text on
 * the background. A colour below 4.5:1 is corrected, not trusted.
 */
function readableColors(colors: TenantConfig['branding']['colors']) {
  const background = colors.background;
  return {
    ...colors,
    primary: readableOn(readableOn(colors.primary, '#ffffff'), background),
    secondary: readableOn(colors.secondary, background),
    text: readableOn(colors.text, background),
  };
}

function partialsIn(dir: string): [string, string][] {
  if (!existsSync(dir)) return [];
  const found: [string, string][] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.hbs'))
        found.push([
          relative(dir, path)
            .replace(/\\/g, '/')
            .replace(/\.hbs$/, ''),
          readFileSync(path, 'utf8'),
        ]);
    }
  };
  walk(dir);
  return found;
}

interface HelperData {
  data: { locale: Locale; strings: Strings };
  hash: Record<string, unknown>;
}

function registerHelpers(hbs: typeof Handlebars): void {
  /** `{{t "home.greeting" name=user.name}}`: a UI string in the request's locale. */
  hbs.registerHelper('t', (key: string, options: HelperData) => translate(options.data.strings, options.data.locale, key, options.hash));
  /** `{{l category.name}}`: a config text given per locale ({id, en}), in the request's locale. */
  hbs.registerHelper('l', (text: Record<string, string> | string | undefined, options: HelperData) =>
    typeof text === 'string' ? text : (text?.[options.data.locale] ?? text?.id ?? ''),
  );
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
}
