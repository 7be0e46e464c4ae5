import { Area, areaReference, levelOfCode } from '@app/areas';
import { TenantConfig } from '@app/tenancy';
import { regionWithin } from '../routing/report-router';

/** The three levels a citizen picks a report's area from: kabupaten/kota → kecamatan → kelurahan/desa. */
export interface AreaPick {
  kabkota?: string;
  kecamatan?: string;
  kelurahan?: string;
}

export interface AreaOption {
  code: string;
  name: string;
  /** The area it lies in, for the script that narrows the next list. */
  parent?: string;
  selected: boolean;
}

/** The tenant's province code: its `provinsi` region, or the prefix its kabupaten/kota share. */
export function provinceOf(config: TenantConfig): string | undefined {
  const entries = Object.entries(config.regions);
  return (
    entries.find(([, r]) => r.kind === 'provinsi')?.[0] ?? entries.find(([code]) => levelOfCode(code) === 'kabupaten-kota')?.[0].slice(0, 2)
  );
}

/**
 * Whether `code` is an area a report of this tenant may name: one of its
 * regions, or a desa/kelurahan of the reference data inside one of its
 * kecamatan (desa/kelurahan are never copied into the tenant's YAML).
 */
export function isTenantArea(config: TenantConfig, code: string): boolean {
  if (Object.hasOwn(config.regions, code)) return true;
  return (
    levelOfCode(code) === 'desa-kelurahan' && Object.hasOwn(config.regions, code.slice(0, 8)) && areaReference.find(code) !== undefined
  );
}

/** An area's name, for a report's page: the tenant's region, else the reference data's desa/kelurahan. */
export function areaName(config: TenantConfig, code: string): string | undefined {
  return config.regions[code]?.name ?? (isTenantArea(config, code) ? areaReference.find(code)?.name : undefined);
}

/** The areas directly below `code` that this tenant serves, or undefined when `code` is not its own. */
export function childAreas(config: TenantConfig, code: string): Area[] | undefined {
  const level = levelOfCode(code);
  if (level === 'provinsi' && code === provinceOf(config)) return regionChildren(config, code, ['kabupaten', 'kota']);
  if (level === 'kabupaten-kota' && Object.hasOwn(config.regions, code)) return regionChildren(config, code, ['kecamatan']);
  if (level === 'kecamatan' && Object.hasOwn(config.regions, code)) return areaReference.villages(code);
  return undefined;
}

/**
 * Desa/kelurahan and kecamatan of the tenant whose name holds `query`, each
 * with the path a citizen recognises ("Jambula, Pulau Ternate, Kota Ternate").
 */
export function searchAreas(
  config: TenantConfig,
  query: string,
  limit = 20,
): { code: string; name: string; path: string; kabkota: string; kecamatan: string; kelurahan?: string }[] {
  const wanted = query.toLowerCase().replace(/\s+/g, ' ').trim();
  if (wanted.length < 2) return [];
  const results: ReturnType<typeof searchAreas> = [];
  const districts = Object.entries(config.regions).filter(([code, r]) => r.kind === 'kecamatan' && levelOfCode(code) === 'kecamatan');
  for (const [code, district] of districts) {
    const regency = config.regions[code.slice(0, 5)]?.name ?? '';
    if (district.name.toLowerCase().includes(wanted))
      results.push({ code, name: district.name, path: `${district.name}, ${regency}`, kabkota: code.slice(0, 5), kecamatan: code });
    for (const village of areaReference.villages(code)) {
      if (results.length >= limit) return results;
      if (village.name.toLowerCase().includes(wanted)) {
        results.push({
          code: village.code,
          name: village.name,
          path: `${village.name}, ${district.name}, ${regency}`,
          kabkota: code.slice(0, 5),
          kecamatan: code,
          kelurahan: village.code,
        });
      }
    }
    if (results.length >= limit) return results;
  }
  return results;
}

/**
 * The most specific area of a pick whose levels agree: a kecamatan outside the
 * chosen kabupaten/kota (left over when the citizen changed their mind without
 * the script) is dropped rather than believed.
 */
export function pickedArea(config: TenantConfig, pick: AreaPick): string | undefined {
  let chosen: string | undefined;
  for (const code of [pick.kabkota, pick.kecamatan, pick.kelurahan]) {
    if (!code || !isTenantArea(config, code)) continue;
    if (chosen && !regionWithin(code, chosen)) break;
    chosen = code;
  }
  return chosen;
}

/** The chooser's three lists, server-rendered so the form works without a script. */
export function areaChooser(config: TenantConfig, selected?: string) {
  const pick = (level: number) =>
    selected && selected.split('.').length >= level ? selected.split('.').slice(0, level).join('.') : undefined;
  const [kabkota, kecamatan, kelurahan] = [pick(2), pick(3), pick(4)];
  const option = (a: { code: string; name: string; parent?: string }, chosen?: string): AreaOption => ({
    code: a.code,
    name: a.name,
    parent: a.parent,
    selected: a.code === chosen,
  });
  const regencies = Object.entries(config.regions).filter(([, r]) => r.kind === 'kabupaten' || r.kind === 'kota');
  return {
    regencies: regencies.map(([code, r]) => option({ code, name: r.name }, kabkota)),
    // Every kecamatan, grouped by kabupaten/kota: without the script the citizen still finds theirs.
    districtGroups: regencies
      .map(([code, r]) => ({
        name: r.name,
        code,
        districts: Object.entries(config.regions)
          .filter(([, d]) => d.parent === code && d.kind === 'kecamatan')
          .map(([c, d]) => option({ code: c, name: d.name, parent: code }, kecamatan)),
      }))
      .filter((g) => g.districts.length > 0),
    villages:
      kecamatan && Object.hasOwn(config.regions, kecamatan) ? areaReference.villages(kecamatan).map((v) => option(v, kelurahan)) : [],
    kecamatanChosen: Boolean(kecamatan && Object.hasOwn(config.regions, kecamatan)),
  };
}

function regionChildren(config: TenantConfig, parent: string, kinds: string[]): Area[] {
  return Object.entries(config.regions)
    .filter(([, r]) => r.parent === parent && kinds.includes(r.kind))
    .map(([code, r]) => ({ code, name: r.name, parent, level: r.kind }));
}
