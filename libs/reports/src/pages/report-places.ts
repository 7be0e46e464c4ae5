import { TenantConfig } from '@app/tenancy';

export interface PlaceHit {
  code: string;
  name: string;
  /** The region it lies in (the kota/kabupaten of a kecamatan), to tell same-named places apart. */
  within: string | null;
  lat: number;
  lng: number;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * Places of the tenant's own regions whose name contains every word of `query`
 * (no external geocoder: the province's regions are the gazetteer). A region
 * without its own centre is placed at its nearest ancestor's.
 */
export function searchPlaces(config: TenantConfig, query: string, limit = 8): PlaceHit[] {
  const words = fold(query).split(/\s+/).filter(Boolean).slice(0, 6);
  if (!words.length) return [];
  const centreOf = (code: string | undefined, depth = 0): { lat: number; lng: number } | undefined => {
    const region = code ? config.regions[code] : undefined;
    if (!region || depth > 6) return undefined;
    return region.center ?? centreOf(region.parent, depth + 1);
  };
  const hits: (PlaceHit & { rank: number })[] = [];
  for (const [code, region] of Object.entries(config.regions)) {
    const name = fold(region.name);
    if (!words.every((w) => name.includes(w))) continue;
    const centre = centreOf(code);
    if (!centre) continue;
    const parent = region.parent ? config.regions[region.parent] : undefined;
    // Names that start with the query first, then the larger regions.
    const rank = (name.startsWith(words[0]) ? 0 : 10) + code.split('.').length;
    hits.push({
      code,
      name: region.name,
      within: parent && region.kind !== 'kabupaten' && region.kind !== 'kota' ? parent.name : null,
      lat: centre.lat,
      lng: centre.lng,
      rank,
    });
  }
  return hits
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ rank: _rank, ...hit }) => hit);
}
