import { Injectable } from '@nestjs/common';
import { Locale, serviceTitle, TenantContext } from '@app/tenancy';

const KIND_ORDER = ['dinas', 'badan', 'biro', 'satuan', 'unit', 'suku-dinas', 'pemkab', 'pemkot', 'kecamatan', 'kelurahan'];
const KIND_TITLES: Record<string, Record<Locale, string>> = {
  dinas: { id: 'Dinas', en: 'Departments (Dinas)' },
  badan: { id: 'Badan', en: 'Agencies (Badan)' },
  biro: { id: 'Biro', en: 'Bureaus (Biro)' },
  satuan: { id: 'Satuan', en: 'Units (Satuan)' },
  unit: { id: 'Unit', en: 'Units' },
  'suku-dinas': { id: 'Suku Dinas', en: 'City branches (Suku Dinas)' },
  pemkab: { id: 'Pemerintah Kabupaten', en: 'Regency governments' },
  pemkot: { id: 'Pemerintah Kota', en: 'City governments' },
  kecamatan: { id: 'Kecamatan', en: 'Districts (Kecamatan)' },
  kelurahan: { id: 'Kelurahan', en: 'Villages (Kelurahan)' },
};

/** Emergency numbers and the agency directory, read from the tenant's config. */
@Injectable()
export class DirectoryService {
  constructor(private readonly context: TenantContext) {}

  emergencyPage(locale: Locale) {
    const tenant = this.context.tenant;
    const title = serviceTitle(tenant, 'emergency', locale);
    return { title, heading: title, numbers: Object.values(tenant.config.emergencyNumbers ?? {}) };
  }

  directoryPage(locale: Locale) {
    const tenant = this.context.tenant;
    const { agencies, regions } = tenant.config;
    const title = serviceTitle(tenant, 'directory', locale);
    const groups = KIND_ORDER.map((kind) => ({
      title: KIND_TITLES[kind][locale],
      agencies: Object.values(agencies)
        .filter((a) => a.kind === kind)
        .sort((a, b) => a.name.localeCompare(b.name, 'id'))
        .map((a) => ({
          name: a.name,
          parent: a.parent ? agencies[a.parent]?.name : undefined,
          region: a.region && a.kind !== 'dinas' ? regions[a.region]?.name : undefined,
          contacts: a.contacts,
        })),
    })).filter((g) => g.agencies.length > 0);
    return { title, heading: title, groups };
  }
}
