import { Area, AreaReference } from './area-reference';
import { FALLBACK_AGENCY, REGENCY_CATEGORIES, STANDARD_AGENCIES } from './standard-agencies';

/**
 * A province's PLACE as tenant config, generated from the reference data:
 * what `tenant create --province` writes into the new folder. Only the place:
 * the app (categories, services, workflow, look) comes from the parent.
 */
export interface ProvincePlace {
  province: Area;
  area: { south: number; west: number; north: number; east: number };
  ticketPrefix: string;
  regions: Record<string, { name: string; kind: string; parent?: string; center?: { lat: number; lng: number } }>;
  agencies: Record<string, { name: string; kind: string; region: string; categories: string[] }>;
  routing: { fallback: string; rules: Record<string, { category?: string; region?: string; agency: string }> };
}

/**
 * @param categories the report categories the new tenant inherits (codes); each
 *   gets a receiver: its standard agency, or the fallback agency.
 * @param takenPrefixes ticket prefixes other tenants use, avoided.
 */
export function provincePlace(reference: AreaReference, province: Area, categories: string[], takenPrefixes: string[] = []): ProvincePlace {
  const bounds = reference.bounds(province.code);
  if (!bounds) throw new Error(`no bounds for province ${province.code}`);
  const provinceName = province.name;
  const regencies = reference.regencies(province.code);

  const regions: ProvincePlace['regions'] = {
    [province.code]: {
      name: provinceName,
      kind: 'provinsi',
      center: { lat: round((bounds.south + bounds.north) / 2), lng: round((bounds.west + bounds.east) / 2) },
    },
  };
  for (const regency of regencies) {
    const center = reference.regencyCenter(regency.code);
    regions[regency.code] = { name: regency.name, kind: regency.level, parent: province.code, ...(center ? { center } : {}) };
    for (const district of reference.districts(regency.code))
      regions[district.code] = { name: district.name, kind: 'kecamatan', parent: regency.code };
  }

  const known = new Set(categories);
  const agencies: ProvincePlace['agencies'] = {};
  const rules: ProvincePlace['routing']['rules'] = {};
  const claimed = new Set<string>();
  for (const standard of STANDARD_AGENCIES) {
    const handled = standard.categories.filter((c) => known.has(c));
    agencies[standard.code] = {
      name: `${standard.title} Provinsi ${provinceName}`,
      kind: standard.kind,
      region: province.code,
      categories: handled,
    };
    for (const category of handled) {
      if (claimed.has(category)) continue;
      claimed.add(category);
      rules[category] = { category, agency: standard.code };
    }
  }
  // A category no standard agency handles still has a receiver: the coordinating bureau.
  for (const category of categories.filter((c) => !claimed.has(c))) {
    agencies[FALLBACK_AGENCY].categories.push(category);
    rules[category] = { category, agency: FALLBACK_AGENCY };
  }

  const regencyCategories = REGENCY_CATEGORIES.filter((c) => known.has(c));
  for (const regency of regencies) {
    const code = regencyAgencyCode(regency);
    agencies[code] = {
      name: regencyAgencyName(regency),
      kind: regency.level === 'kota' ? 'pemkot' : 'pemkab',
      region: regency.code,
      categories: regencyCategories,
    };
    for (const category of regencyCategories) rules[`${category}-${code}`] = { category, region: regency.code, agency: code };
  }

  return {
    province,
    area: bounds,
    ticketPrefix: ticketPrefixOf(provinceName, takenPrefixes),
    regions,
    agencies,
    routing: { fallback: FALLBACK_AGENCY, rules },
  };
}

/** `pemkot-ternate`, `pemkab-halmahera-barat`. */
export function regencyAgencyCode(regency: Area): string {
  const bare = regency.name.replace(/^(Kabupaten|Kota)( Administrasi)? /, '');
  return `${regency.level === 'kota' ? 'pemkot' : 'pemkab'}-${bare
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/** `Pemerintah Kota Ternate`, `Pemerintah Kabupaten Halmahera Barat`. */
export function regencyAgencyName(regency: Area): string {
  return `Pemerintah ${regency.name}`;
}

/**
 * A ticket prefix (2-4 capital letters) from the province's name: the initials
 * of a name of several words (Maluku Utara → MU, Nusa Tenggara Barat → NTB),
 * the first letter and the next consonant of one word (Lampung → LM), and a
 * further letter when the prefix is taken.
 */
export function ticketPrefixOf(name: string, taken: string[] = []): string {
  const words = name
    .toUpperCase()
    .replace(/[^A-Z ]/g, '')
    .split(/\s+/)
    .filter(Boolean);
  const letters = words.join('');
  const candidates: string[] = [];
  if (words.length > 1)
    candidates.push(
      words
        .map((w) => w[0])
        .join('')
        .slice(0, 4),
    );
  const consonant = letters.slice(1).search(/[^AEIOU]/);
  if (consonant >= 0) candidates.push(letters[0] + letters[consonant + 1]);
  candidates.push(letters.slice(0, 2), letters.slice(0, 3), letters.slice(0, 4));
  for (const extra of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') candidates.push(candidates[0].slice(0, 3) + extra);
  return candidates.find((c) => /^[A-Z]{2,4}$/.test(c) && !taken.includes(c)) ?? 'XX';
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
