import { routeReport } from '@app/reports';
import { TenantConfig } from '@app/tenancy';

export interface DemoReports {
  agency: string;
  region: string | null;
  categories: string[];
  at: { lat: number; lng: number };
}

/**
 * Where the demo reports go, derived from the tenant's routing (never from
 * hard-coded codes): the region most routing rules name (the busiest city),
 * and there the agency that receives the most categories.
 */
export function demoReports(config: TenantConfig): DemoReports | null {
  const named = new Map<string, number>();
  for (const rule of Object.values(config.routing.rules)) {
    if (rule.region && config.regions[rule.region]) named.set(rule.region, (named.get(rule.region) ?? 0) + 1);
  }
  const region = [...named.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const byAgency = new Map<string, string[]>();
  for (const category of Object.keys(config.categories)) {
    const route = routeReport(config, category, region);
    if (route) byAgency.set(route.agency, [...(byAgency.get(route.agency) ?? []), category]);
  }
  const best = [...byAgency.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  if (!best) return null;
  const { south, north, west, east } = config.area;
  const at = (region && config.regions[region].center) || { lat: (south + north) / 2, lng: (west + east) / 2 };
  return { agency: best[0], region, categories: best[1].slice(0, 3), at };
}
