import { Injectable } from '@nestjs/common';
import { formatLongDate } from '@app/config';
import { FeedPagesMapper, FeedsService } from '@app/feeds';
import { NewsService } from '@app/news';
import { Locale, SERVICE_CATALOG, ServiceKey, TenantContext, isServiceKey, serviceTitle } from '@app/tenancy';

/** How many of the latest articles the home page highlights where news is enabled. */
const NEWS_HIGHLIGHTS = 3;

export interface ServiceTile {
  key: ServiceKey;
  title: string;
  path: string;
  icon: string;
}

/** A partner app (config `partnerApps`): an external link, never a page of ours. */
export interface PartnerTile {
  code: string;
  title: string;
  url: string;
  icon: string;
  host: string;
}

/** The citizen home page: the tenant's enabled services, in catalog order, then its partner apps. */
@Injectable()
export class HomeService {
  constructor(
    private readonly context: TenantContext,
    private readonly news: NewsService,
    private readonly feeds: FeedsService,
    private readonly feedPages: FeedPagesMapper,
  ) {}

  tiles(locale: Locale): ServiceTile[] {
    const tenant = this.context.tenant;
    return Object.keys(SERVICE_CATALOG)
      .filter(isServiceKey)
      .filter((key) => tenant.isEnabled(key))
      .map((key) => {
        const { path, icon } = SERVICE_CATALOG[key];
        return { key, path, icon, title: serviceTitle(tenant, key, locale) };
      });
  }

  /** The tenant's partner apps in config order; the URL is https by validation. */
  partnerTiles(locale: Locale): PartnerTile[] {
    return Object.entries(this.context.tenant.config.partnerApps ?? {})
      .filter(([, app]) => app)
      .map(([code, app]) => ({
        code,
        url: app.url,
        icon: app.icon ?? '↗',
        title: app.name[locale] ?? app.name.id,
        host: new URL(app.url).host,
      }));
  }

  /** The latest figures of each data source, with its source, time and stale notice. */
  private async feedWidgets(locale: Locale) {
    const feeds = this.feeds.feeds();
    const latest = new Map(await Promise.all(Object.keys(feeds).map(async (code) => [code, await this.feeds.latestRows(code)] as const)));
    return this.feedPages.widgets(locale, feeds, await this.feeds.statuses(), latest);
  }

  async homePage(locale: Locale) {
    const tenant = this.context.tenant;
    const { branding, timezone } = tenant.config;
    const news = tenant.isEnabled('news') ? (await this.news.published(1, NEWS_HIGHLIGHTS)).items : [];
    return {
      tagline: branding.tagline?.[locale] ?? branding.tagline?.id,
      services: this.tiles(locale),
      partners: this.partnerTiles(locale),
      feeds: tenant.isEnabled('feeds') ? await this.feedWidgets(locale) : [],
      news: news.length
        ? {
            title: serviceTitle(tenant, 'news', locale),
            items: news.map((a) => ({
              title: a.title,
              summary: a.summary,
              href: `/berita/${a.slug}`,
              date: formatLongDate(a.publishedAt!, locale, timezone),
              datetime: a.publishedAt!.toISOString(),
            })),
          }
        : null,
    };
  }
}
