import { Injectable } from '@nestjs/common';
import { Locale, SERVICE_CATALOG, ServiceKey, TenantContext, isServiceKey, serviceTitle } from '@app/tenancy';

export interface ServiceTile {
  key: ServiceKey;
  title: string;
  path: string;
  icon: string;
}

/** The citizen home page: the tenant's enabled services, in catalog order. */
@Injectable()
export class HomeService {
  constructor(private readonly context: TenantContext) {}

  tiles(locale: Locale): ServiceTile[] {
    const tenant = this.context.tenant;
    return Object.keys(SERVICE_CATALOG).filter(isServiceKey).filter((key) => tenant.isEnabled(key)).map((key) => {
      const { path, icon } = SERVICE_CATALOG[key];
      return { key, path, icon, title: serviceTitle(tenant, key, locale) };
    });
  }

  homePage(locale: Locale) {
    const { branding } = this.context.tenant.config;
    return { tagline: branding.tagline?.[locale] ?? branding.tagline?.id, services: this.tiles(locale) };
  }
}
