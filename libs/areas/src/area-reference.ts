import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCsv, splitCsvLine } from './csv';
import { Bounds, PROVINCE_BOUNDS } from './province-bounds';

export type AreaLevel = 'provinsi' | 'kabupaten' | 'kota' | 'kecamatan' | 'kelurahan' | 'desa';

/** One official area with its Kemendagri code (`82`, `82.71`, `82.71.01`, `82.71.01.1001`). */
export interface Area {
  code: string;
  name: string;
  level: AreaLevel;
  /** The code of the area it lies in; none for a province. */
  parent?: string;
}

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** The level a Kemendagri code names, from its shape. Village codes start with 1 (kelurahan) or 2 (desa). */
export function levelOfCode(code: string): 'provinsi' | 'kabupaten-kota' | 'kecamatan' | 'desa-kelurahan' | undefined {
  if (/^\d{2}$/.test(code)) return 'provinsi';
  if (/^\d{2}\.\d{2}$/.test(code)) return 'kabupaten-kota';
  if (/^\d{2}\.\d{2}\.\d{2}$/.test(code)) return 'kecamatan';
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(code)) return 'desa-kelurahan';
  return undefined;
}

/** A name as people type it: case, spacing and a leading "Provinsi" do not matter. */
export function normalizeAreaName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^provinsi /, '');
}

/** idn-area-data's CSV files (ODbL), read directly: its JavaScript API needs Node 22. */
export function idnAreaDataDir(): string {
  return join(dirname(require.resolve('idn-area-data/package.json')), 'data');
}

/**
 * Indonesia's official areas (Kemendagri codes) from idn-area-data: provinces,
 * kabupaten/kota and kecamatan read at first use; desa/kelurahan (83,762 rows)
 * read per province, only when a province's villages are asked for.
 */
export class AreaReference {
  private provincesByCode?: Map<string, Area>;
  private regenciesByCode?: Map<string, Area>;
  private districtsByCode?: Map<string, Area>;
  private readonly villagesOfProvince = new Map<string, Map<string, Area>>();
  private centers?: Map<string, GeoPoint>;

  constructor(private readonly dir: string = idnAreaDataDir()) {}

  provinces(): Area[] {
    return [...this.provinceMap().values()];
  }

  /** A province by code (`82`) or name (`Maluku Utara`, `maluku  utara`, `Provinsi Maluku Utara`). */
  province(query: string): Area | undefined {
    const q = query.trim();
    const byCode = this.provinceMap().get(q);
    if (byCode) return byCode;
    const name = normalizeAreaName(q);
    return this.provinces().find(
      (p) => normalizeAreaName(p.name) === name || normalizeAreaName(p.name).replace(/^daerah (khusus|istimewa) (ibukota )?/, '') === name,
    );
  }

  /** The kabupaten and kota of a province, in code order (kabupaten 01-69, then kota 71-). */
  regencies(province: string): Area[] {
    return [...this.regencyMap().values()].filter((r) => r.parent === province);
  }

  /** The kecamatan of a kabupaten or kota. */
  districts(regency: string): Area[] {
    return [...this.districtMap().values()].filter((d) => d.parent === regency);
  }

  /** The desa and kelurahan of a kecamatan. */
  villages(district: string): Area[] {
    return [...this.villageMap(district.slice(0, 2)).values()].filter((v) => v.parent === district);
  }

  /** Any area by its code, or undefined. */
  find(code: string): Area | undefined {
    switch (levelOfCode(code)) {
      case 'provinsi':
        return this.provinceMap().get(code);
      case 'kabupaten-kota':
        return this.regencyMap().get(code);
      case 'kecamatan':
        return this.districtMap().get(code);
      case 'desa-kelurahan':
        return this.villageMap(code.slice(0, 2)).get(code);
      default:
        return undefined;
    }
  }

  /** Areas below `parent` whose name matches (case and spacing do not matter), e.g. every kecamatan named "Moti". */
  search(parent: string, name: string): Area[] {
    const wanted = normalizeAreaName(name);
    const level = levelOfCode(parent);
    const pool =
      level === 'provinsi'
        ? [...this.regencies(parent), ...this.regencies(parent).flatMap((r) => this.districts(r.code))]
        : level === 'kabupaten-kota'
          ? this.districts(parent)
          : level === 'kecamatan'
            ? this.villages(parent)
            : [];
    return pool.filter((a) => normalizeAreaName(a.name).includes(wanted));
  }

  bounds(province: string): Bounds | undefined {
    return PROVINCE_BOUNDS[province];
  }

  /**
   * A kabupaten's or kota's approximate centre, from idn-area-data's island
   * coordinates (no boundaries ship): the inhabited island that bears its name
   * (Pulau Ternate for Kota Ternate), else the median of its inhabited islands.
   * Undefined for a regency without islands in the data.
   */
  regencyCenter(code: string): GeoPoint | undefined {
    return this.centerMap().get(code);
  }

  /** Every island with coordinates (`code` leads with its regency's), to check the bounds against. */
  islandPoints(): (GeoPoint & { code: string })[] {
    return this.rows('islands.csv').flatMap((r) => {
      const point = parseDms(r.coordinate);
      return point ? [{ code: r.code, ...point }] : [];
    });
  }

  private provinceMap(): Map<string, Area> {
    return (this.provincesByCode ??= new Map(
      this.rows('provinces.csv').map((r) => [r.code, { code: r.code, name: r.name, level: 'provinsi' as const }]),
    ));
  }

  private regencyMap(): Map<string, Area> {
    return (this.regenciesByCode ??= new Map(
      this.rows('regencies.csv').map((r) => [
        r.code,
        {
          code: r.code,
          name: r.name,
          parent: r.province_code,
          level: r.name.startsWith('Kota ') ? ('kota' as const) : ('kabupaten' as const),
        },
      ]),
    ));
  }

  private districtMap(): Map<string, Area> {
    return (this.districtsByCode ??= new Map(
      this.rows('districts.csv').map((r) => [r.code, { code: r.code, name: r.name, parent: r.regency_code, level: 'kecamatan' as const }]),
    ));
  }

  private villageMap(province: string): Map<string, Area> {
    let villages = this.villagesOfProvince.get(province);
    if (!villages) {
      villages = new Map();
      // Only this province's lines are parsed; the file is read once per province asked for.
      const text = readFileSync(join(this.dir, 'villages.csv'), 'utf8');
      const prefix = `${province}.`;
      for (const line of text.split(/\r?\n/)) {
        if (!line.startsWith(prefix)) continue;
        const [code, district, name] = splitCsvLine(line);
        villages.set(code, { code, name, parent: district, level: code.split('.')[3]?.startsWith('1') ? 'kelurahan' : 'desa' });
      }
      this.villagesOfProvince.set(province, villages);
    }
    return villages;
  }

  private centerMap(): Map<string, GeoPoint> {
    if (this.centers) return this.centers;
    const inhabited = new Map<string, { name: string; point: GeoPoint }[]>();
    for (const row of this.rows('islands.csv')) {
      const point = parseDms(row.coordinate);
      if (!point || row.is_populated !== '1') continue;
      const list = inhabited.get(row.regency_code) ?? [];
      list.push({ name: row.name, point });
      inhabited.set(row.regency_code, list);
    }
    this.centers = new Map();
    for (const [code, islands] of inhabited) {
      const regency = this.regencyMap().get(code);
      const bare = regency ? normalizeAreaName(regency.name.replace(/^(Kabupaten|Kota) /, '')) : '';
      const named = islands.find((i) => normalizeAreaName(i.name.replace(/^Pulau /, '')) === bare);
      this.centers.set(
        code,
        named?.point ?? { lat: median(islands.map((i) => i.point.lat)), lng: median(islands.map((i) => i.point.lng)) },
      );
    }
    return this.centers;
  }

  private rows(file: string): Record<string, string>[] {
    return parseCsv(readFileSync(join(this.dir, file), 'utf8'));
  }
}

/** `00°48'33.99" N 127°20'29.00" E` → { lat: 0.8094, lng: 127.3414 }. */
export function parseDms(text: string): GeoPoint | undefined {
  const m = /(\d+)°\s*(\d+)'\s*([\d.]+)"\s*([NS])\s+(\d+)°\s*(\d+)'\s*([\d.]+)"\s*([EW])/.exec(text);
  if (!m) return undefined;
  const deg = (d: string, mi: string, s: string, hemi: string) =>
    (Number(d) + Number(mi) / 60 + Number(s) / 3600) * (hemi === 'S' || hemi === 'W' ? -1 : 1);
  return { lat: round(deg(m[1], m[2], m[3], m[4])), lng: round(deg(m[5], m[6], m[7], m[8])) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/** The one shared instance: the reference data is read once per process. */
export const areaReference = new AreaReference();
