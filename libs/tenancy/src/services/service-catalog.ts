import type { Tenant } from '../config/tenant';
import type { Locale } from '../config/tenant-config';
/**
 * Every service a tenant can enable. A service is a NestJS module whose
 * controllers carry its key (`@TenantService('news')`); the key here is what
 * tenant folders name under `services:`, and what the home page makes a tile of.
 * `icon` names a partial (views/partials/icons/), so a tenant can override a service's icon.
 */
export const SERVICE_CATALOG = {
  reports: { path: '/laporan', icon: 'icons/reports', title: { id: 'Laporan Warga', en: 'Citizen Reports' } },
  news: { path: '/berita', icon: 'icons/news', title: { id: 'Berita', en: 'News' } },
  emergency: { path: '/darurat', icon: 'icons/emergency', title: { id: 'Nomor Darurat', en: 'Emergency Numbers' } },
  directory: { path: '/direktori', icon: 'icons/directory', title: { id: 'Direktori Instansi', en: 'Agency Directory' } },
  feeds: { path: '/info', icon: 'icons/feeds', title: { id: 'Info Harga & Data', en: 'Prices & Data' } },
} as const;

export type ServiceKey = keyof typeof SERVICE_CATALOG;

export function isServiceKey(key: string): key is ServiceKey {
  return Object.hasOwn(SERVICE_CATALOG, key);
}

/** A service's name as the tenant calls it (`settings.title`, e.g. JakWarta), else the catalog's. */
export function serviceTitle(tenant: Tenant, key: ServiceKey, locale: Locale): string {
  const own = tenant.config.services[key]?.settings?.title as Partial<Record<Locale, string>> | undefined;
  return own?.[locale] ?? own?.id ?? SERVICE_CATALOG[key].title[locale];
}
