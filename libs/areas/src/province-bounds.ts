import { INDONESIAN_ZONES, IndonesianZone } from '@app/config';

/**
 * Approximate bounding boxes of Indonesia's 38 provinces, offshore islands
 * included (idn-area-data ships no boundaries). They bound a new tenant's
 * `area`, where report coordinates are accepted; an admin may narrow them.
 * `province-bounds.spec.ts` checks them against the islands' coordinates.
 */
export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

export const PROVINCE_BOUNDS: Readonly<Record<string, Bounds>> = {
  '11': { south: 1.9, west: 94.9, north: 6.2, east: 98.4 }, // Aceh
  '12': { south: -1.1, west: 96.9, north: 4.35, east: 100.5 }, // Sumatera Utara
  '13': { south: -3.6, west: 98.5, north: 1.0, east: 101.95 }, // Sumatera Barat
  '14': { south: -1.2, west: 100.0, north: 2.95, east: 103.85 }, // Riau
  '15': { south: -2.8, west: 101.1, north: -0.7, east: 104.55 }, // Jambi
  '16': { south: -4.95, west: 102.05, north: -1.6, east: 106.25 }, // Sumatera Selatan
  '17': { south: -5.5, west: 101.0, north: -2.25, east: 103.8 }, // Bengkulu
  '18': { south: -6.2, west: 103.55, north: -3.7, east: 106.3 }, // Lampung
  '19': { south: -3.85, west: 105.1, north: -1.45, east: 108.9 }, // Kepulauan Bangka Belitung
  '21': { south: -1.3, west: 103.25, north: 4.8, east: 109.2 }, // Kepulauan Riau
  '31': { south: -6.38, west: 106.35, north: -5.18, east: 106.98 }, // DKI Jakarta
  '32': { south: -7.85, west: 106.35, north: -5.75, east: 108.85 }, // Jawa Barat
  '33': { south: -8.25, west: 108.55, north: -5.7, east: 111.75 }, // Jawa Tengah
  '34': { south: -8.25, west: 110.0, north: -7.5, east: 110.85 }, // DI Yogyakarta
  '35': { south: -8.85, west: 110.85, north: -5.0, east: 116.3 }, // Jawa Timur
  '36': { south: -7.05, west: 105.05, north: -5.75, east: 106.8 }, // Banten
  '51': { south: -8.9, west: 114.4, north: -8.05, east: 115.75 }, // Bali
  '52': { south: -9.15, west: 115.8, north: -8.05, east: 119.4 }, // Nusa Tenggara Barat
  '53': { south: -11.05, west: 118.9, north: -7.75, east: 125.25 }, // Nusa Tenggara Timur
  '61': { south: -3.1, west: 108.55, north: 2.1, east: 114.25 }, // Kalimantan Barat
  '62': { south: -3.6, west: 110.7, north: 0.85, east: 116.0 }, // Kalimantan Tengah
  '63': { south: -4.95, west: 114.3, north: -1.3, east: 117.5 }, // Kalimantan Selatan
  '64': { south: -2.6, west: 113.8, north: 2.6, east: 119.1 }, // Kalimantan Timur
  '65': { south: 1.1, west: 114.5, north: 4.45, east: 118.1 }, // Kalimantan Utara
  '71': { south: 0.25, west: 123.1, north: 5.6, east: 127.2 }, // Sulawesi Utara
  '72': { south: -3.7, west: 119.4, north: 1.45, east: 124.2 }, // Sulawesi Tengah
  '73': { south: -7.8, west: 117.0, north: -1.85, east: 122.25 }, // Sulawesi Selatan
  '74': { south: -6.25, west: 120.8, north: -2.8, east: 124.7 }, // Sulawesi Tenggara
  '75': { south: 0.3, west: 121.1, north: 1.1, east: 123.6 }, // Gorontalo
  '76': { south: -3.6, west: 117.0, north: -0.8, east: 119.9 }, // Sulawesi Barat
  '81': { south: -8.4, west: 125.7, north: -2.7, east: 134.95 }, // Maluku
  '82': { south: -2.5, west: 124.25, north: 2.7, east: 129.95 }, // Maluku Utara
  '91': { south: -3.7, west: 134.25, north: 1.0, east: 141.05 }, // Papua
  '92': { south: -4.35, west: 131.5, north: -0.4, east: 135.3 }, // Papua Barat
  '93': { south: -9.15, west: 137.4, north: -4.0, east: 141.05 }, // Papua Selatan
  '94': { south: -5.1, west: 134.2, north: -2.2, east: 138.8 }, // Papua Tengah
  '95': { south: -5.4, west: 137.9, north: -3.2, east: 141.05 }, // Papua Pegunungan
  '96': { south: -2.4, west: 129.3, north: 1.15, east: 132.9 }, // Papua Barat Daya
};

/**
 * The province's time zone: WIB (Asia/Jakarta) for Sumatra, Java, West and
 * Central Kalimantan; WIT (Asia/Jayapura) for Maluku and Papua; WITA
 * (Asia/Makassar) for Bali, Nusa Tenggara, the rest of Kalimantan and Sulawesi.
 */
export function provinceTimezone(province: string): IndonesianZone {
  const n = Number(province);
  if (n >= 81) return INDONESIAN_ZONES.WIT;
  if (n < 51 || n === 61 || n === 62) return INDONESIAN_ZONES.WIB;
  return INDONESIAN_ZONES.WITA;
}
