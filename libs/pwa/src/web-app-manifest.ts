import { Locale, Tenant } from '@app/tenancy';

/** The icons every tenant's manifest lists; AppIcons renders each from the tenant's logo. */
export const APP_ICONS = {
  'ikon-192.png': { size: 192, maskable: false },
  'ikon-512.png': { size: 512, maskable: false },
  'ikon-maskable-512.png': { size: 512, maskable: true },
} as const;

export type AppIconName = keyof typeof APP_ICONS;

export function isAppIconName(name: string): name is AppIconName {
  return Object.hasOwn(APP_ICONS, name);
}

/** Versioned by the branding, so a new logo or colour is fetched again rather than served from a year-long cache. */
export function iconUrl(name: AppIconName, version: string): string {
  return `/pwa/${name}?v=${version}`;
}

/**
 * The Web App Manifest of a tenant, from its config: a province gets its own
 * installable app (name, colours, icons from its logo) on citizens' home
 * screens without building one.
 */
export function webAppManifest(tenant: Tenant, locale: Locale, iconVersion: string) {
  const { branding, name } = tenant.config;
  const tagline = branding.tagline ? (branding.tagline[locale] ?? branding.tagline.id) : undefined;
  return {
    id: '/',
    name: `${branding.appName} · ${name}`,
    short_name: branding.appName,
    ...(tagline ? { description: tagline } : {}),
    lang: locale,
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    theme_color: branding.colors.primary,
    background_color: branding.colors.background,
    categories: ['government', 'utilities'],
    icons: Object.entries(APP_ICONS).map(([file, icon]) => ({
      src: iconUrl(file as AppIconName, iconVersion),
      sizes: `${icon.size}x${icon.size}`,
      type: 'image/png',
      purpose: icon.maskable ? 'maskable' : 'any',
    })),
  };
}
