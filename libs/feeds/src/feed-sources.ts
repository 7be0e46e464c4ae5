import { FeedSourceConfig, Tenant } from '@app/tenancy';

/** A tenant's sources that are switched on, by code (none when the service is off). */
export function enabledFeeds(tenant: Tenant): Record<string, FeedSourceConfig> {
  if (!tenant.isEnabled('feeds')) return {};
  return Object.fromEntries(Object.entries(tenant.config.feeds ?? {}).filter(([, f]) => f && f.enabled !== false));
}
