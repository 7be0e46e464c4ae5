import { TenantConfig } from '@app/tenancy';

export interface RoutingDecision {
  agency: string;
  /**
   * The rule that fired; `fallback` when no rule matched and an agency handling
   * the category (or the tenant's `routing.fallback`) was taken; `kelurahan-first`
   * when the local office receives it first.
   */
  rule: string;
}

/** Whether `region` lies within `ancestor` (Kemendagri codes nest by prefix: 31.74.01 lies in 31.74). */
export function regionWithin(region: string | null, ancestor: string): boolean {
  return region !== null && (region === ancestor || region.startsWith(`${ancestor}.`));
}

/**
 * The first receiver of a report, from the tenant's routing rules: the most
 * specific matching rule wins (a category and region rule over a category
 * rule over a region rule; a deeper region over a shallower one).
 */
export function routeReport(config: TenantConfig, category: string, region: string | null): RoutingDecision | null {
  if (config.routing.kelurahanFirst) {
    const office = localOffice(config, region);
    if (office) return { agency: office, rule: 'kelurahan-first' };
  }
  return routeByRules(config, category, region);
}

/**
 * The office of the kelurahan (else the kecamatan) a report lies in: the
 * agency of kind `kelurahan` or `kecamatan` with the deepest region holding it.
 */
export function localOffice(config: TenantConfig, region: string | null): string | undefined {
  let best: { code: string; depth: number } | undefined;
  for (const [code, agency] of Object.entries(config.agencies)) {
    if ((agency.kind !== 'kelurahan' && agency.kind !== 'kecamatan') || agency.region === undefined || !regionWithin(region, agency.region))
      continue;
    const depth = agency.region.split('.').length;
    if (!best || depth > best.depth) best = { code, depth };
  }
  return best?.code;
}

/** The receiver the rules name, then an agency handling the category, then the tenant's fallback agency. */
export function routeByRules(config: TenantConfig, category: string, region: string | null): RoutingDecision | null {
  let best: { rule: string; agency: string; score: number } | undefined;
  for (const [code, rule] of Object.entries(config.routing.rules)) {
    if (rule.category !== undefined && rule.category !== category) continue;
    if (rule.region !== undefined && !regionWithin(region, rule.region)) continue;
    const score = (rule.category !== undefined ? 100 : 0) + (rule.region !== undefined ? 1 + rule.region.split('.').length : 0);
    if (!best || score > best.score) best = { rule: code, agency: rule.agency, score };
  }
  if (best) return { agency: best.agency, rule: best.rule };
  const handler = Object.entries(config.agencies).find(([, a]) => a.categories.includes(category) && a.parent === undefined);
  if (handler) return { agency: handler[0], rule: 'fallback' };
  const fallback = config.routing.fallback;
  return fallback !== undefined && Object.hasOwn(config.agencies, fallback) ? { agency: fallback, rule: 'fallback' } : null;
}

/**
 * The region a point lies in, as well as we can tell without boundary
 * polygons: the nearest region centre (kota/kabupaten level) inside the
 * tenant's area. Null outside the area.
 */
export function locateRegion(config: TenantConfig, lat: number, lng: number): string | null {
  if (!insideArea(config, lat, lng)) return null;
  let nearest: { code: string; d: number } | undefined;
  for (const [code, region] of Object.entries(config.regions)) {
    if (!region.center || (region.kind !== 'kota' && region.kind !== 'kabupaten')) continue;
    const d = (region.center.lat - lat) ** 2 + ((region.center.lng - lng) * Math.cos((lat * Math.PI) / 180)) ** 2;
    if (!nearest || d < nearest.d) nearest = { code, d };
  }
  return nearest?.code ?? null;
}

export function insideArea(config: TenantConfig, lat: number, lng: number): boolean {
  const { south, north, west, east } = config.area;
  return lat >= south && lat <= north && lng >= west && lng <= east;
}
