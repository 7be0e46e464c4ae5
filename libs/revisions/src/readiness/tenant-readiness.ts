import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigProblem, displayPath, isJsonObject, JsonObject, Tenant, TenantConfig, TenantFolders } from '@app/tenancy';

/**
 * What a new province's team still has to do before going live: `problem`
 * stops it (exit code 1 of `doctor`), `template` is still the generated or
 * inherited default, `ok` is done. Each item says where to fix it: the file in
 * the tenant's folder and the console page.
 */
export type ReadinessLevel = 'problem' | 'template' | 'ok';

export interface ReadinessItem {
  key: string;
  level: ReadinessLevel;
  /** Indonesian first: the console and the CLI show these to the province's team. */
  title: string;
  details: string[];
  file?: string;
  console?: string;
}

export interface ReadinessInput {
  tenant: Tenant;
  folders: TenantFolders;
  /** The other tenants served: their names must not appear in this one's text. */
  others: Tenant[];
  /** Validation problems of this tenant (the CLI knows them; a served tenant has none). */
  problems?: ConfigProblem[];
  /** Active admin accounts, when the database was asked; undefined when not checked. */
  admins?: number;
}

const GENERATED_TAGLINE = /^Layanan warga .+ dalam satu aplikasi$/;

export function tenantReadiness({ tenant, folders, others, problems = [], admins }: ReadinessInput): ReadinessItem[] {
  const { config } = tenant;
  const own = folders.folders.get(tenant.slug);
  const ownPatch: JsonObject = own?.patch ?? {};
  const ancestors = tenant.chain
    .slice(1)
    .map((slug) => folders.folders.get(slug))
    .filter((f) => f !== undefined);
  const file = (name: string) => displayPath(join(own?.dir ?? join(folders.root, tenant.slug), name));
  const items: ReadinessItem[] = [];

  items.push({
    key: 'config',
    level: problems.length > 0 ? 'problem' : 'ok',
    title: problems.length > 0 ? `Konfigurasi tidak valid (${problems.length} masalah)` : 'Konfigurasi valid',
    details: problems.map((p) => `${p.file}: ${p.path}: ${p.message}`),
    file: file(''),
  });

  const unrouted = Object.keys(config.categories).filter((c) => !hasReceiver(config, c));
  items.push({
    key: 'routing',
    level: unrouted.length > 0 ? 'problem' : 'ok',
    title:
      unrouted.length > 0
        ? `${unrouted.length} kategori laporan tanpa instansi penerima`
        : 'Setiap kategori laporan punya instansi penerima',
    details: unrouted,
    file: file('routing.yaml'),
    console: '/admin/rute',
  });

  const foreign = foreignPlaceText(
    tenant,
    ancestors.map((f) => f.dir),
    others,
  );
  items.push({
    key: 'place-strings',
    level: foreign.length > 0 ? 'problem' : 'ok',
    title: foreign.length > 0 ? 'Teks yang masih menyebut provinsi lain' : 'Tidak ada teks yang menyebut provinsi lain',
    details: foreign,
    file: file('tenant.yaml'),
    console: '/admin/layanan',
  });

  const silent = Object.entries(config.agencies).filter(
    ([, a]) => !a.contacts || !Object.values(a.contacts).some((v) => typeof v === 'string' && v.trim() !== ''),
  );
  items.push({
    key: 'agency-contacts',
    level: silent.length > 0 ? 'template' : 'ok',
    title:
      silent.length > 0
        ? `${silent.length} dari ${Object.keys(config.agencies).length} instansi belum punya kontak (telepon, email, alamat, atau situs)`
        : 'Setiap instansi punya kontak',
    details: silent
      .slice(0, 12)
      .map(([code, a]) => `${code}: ${a.name}`)
      .concat(silent.length > 12 ? [`… dan ${silent.length - 12} lainnya`] : []),
    file: file('agencies.yaml'),
    console: '/admin/instansi',
  });

  const logo = config.branding.logo;
  const ownLogo = logo !== undefined && (logo.startsWith('uploads/') || (own !== undefined && existsSync(join(own.dir, logo))));
  items.push({
    key: 'logo',
    level: ownLogo ? 'ok' : 'template',
    title: ownLogo ? 'Logo sendiri' : 'Logo masih logo bawaan',
    details: ownLogo ? [] : [`branding.logo: ${logo ?? '(tidak ada)'}`],
    file: file('assets/'),
    console: '/admin/tampilan',
  });

  const inheritedColors =
    ancestors.some((f) => sameColors(f.patch, config)) && tenant.revision === 0 && !hasPath(ownPatch, ['branding', 'colors']);
  items.push({
    key: 'colors',
    level: inheritedColors ? 'template' : 'ok',
    title: inheritedColors ? 'Warna masih warna bawaan' : 'Warna sendiri',
    details: [],
    file: file('tenant.yaml'),
    console: '/admin/tampilan',
  });

  const ownNumbers = Object.keys(config.emergencyNumbers ?? {}).filter(
    (code) => !ancestors.some((f) => hasPath(f.patch, ['emergencyNumbers', code])),
  );
  items.push({
    key: 'emergency-numbers',
    level: ownNumbers.length > 0 ? 'ok' : 'template',
    title:
      ownNumbers.length > 0
        ? `${ownNumbers.length} nomor darurat milik provinsi`
        : 'Nomor darurat provinsi belum diisi (hanya nomor nasional)',
    details:
      ownNumbers.length > 0
        ? []
        : ['Tambahkan call center provinsi (misalnya 112 yang dikelola pemerintah daerah) dan nomor BPBD/Damkar setempat.'],
    file: file('tenant.yaml'),
    console: '/admin/darurat',
  });

  const tagline = config.branding.tagline?.id;
  const generated = tagline === undefined || GENERATED_TAGLINE.test(tagline);
  items.push({
    key: 'tagline',
    level: generated ? 'template' : 'ok',
    title: generated ? 'Slogan masih slogan buatan perintah create' : 'Slogan sendiri',
    details: tagline ? [tagline] : [],
    file: file('tenant.yaml'),
    console: '/admin/tampilan',
  });

  items.push({
    key: 'admin-account',
    level: admins === undefined ? 'template' : admins > 0 ? 'ok' : 'template',
    title:
      admins === undefined
        ? 'Akun admin belum diperiksa (perlu basis data: doctor --accounts)'
        : admins > 0
          ? `${admins} akun admin aktif`
          : 'Belum ada akun admin',
    details: admins === 0 ? ['Buat akun admin pertama: npm run seed, lalu undang tim dari /admin/pengguna.'] : [],
    console: '/admin/pengguna',
  });
  return items;
}

/** Whether a category reaches someone: a rule naming it, an agency handling it, or the tenant's fallback agency. */
function hasReceiver(config: TenantConfig, category: string): boolean {
  return (
    Object.values(config.routing.rules).some((r) => r.category === category && r.region === undefined) ||
    Object.values(config.agencies).some((a) => a.categories.includes(category) && a.parent === undefined) ||
    (config.routing.fallback !== undefined && Object.hasOwn(config.agencies, config.routing.fallback))
  );
}

/**
 * Text this tenant shows that names another province: its own config's
 * text (tagline, service titles, emergency numbers, agencies, partner apps)
 * and its ancestors' locale files. Names it shares with its own (Maluku in
 * Maluku Utara) are not counted.
 */
function foreignPlaceText(tenant: Tenant, ancestorDirs: string[], others: Tenant[]): string[] {
  const ownNames = [tenant.config.name, tenant.config.branding.appName, ...Object.values(tenant.config.regions).map((r) => r.name)].join(
    ' | ',
  );
  const words = new Set<string>();
  for (const other of others) {
    if (other.slug === tenant.slug) continue;
    const province = Object.values(other.config.regions).find((r) => r.kind === 'provinsi')?.name;
    for (const name of [other.config.name, other.config.branding.appName, province]) {
      if (!name) continue;
      const bare = name.replace(/^(Provinsi|Pemerintah Provinsi)\s+/, '').replace(/^(DKI|DI|Daerah Khusus Ibukota|Daerah Istimewa)\s+/, '');
      for (const word of [name, bare]) if (word.length >= 4 && !ownNames.includes(word)) words.add(word);
    }
  }
  const found: string[] = [];
  const check = (where: string, text: unknown) => {
    if (typeof text !== 'string') return;
    // The longest name first, one mention per text: "Provinsi DKI Jakarta", not also "Jakarta".
    const word = [...words].sort((a, b) => b.length - a.length).find((w) => text.includes(w));
    if (word) found.push(`${where}: "${text}" menyebut ${word}`);
  };
  const { config } = tenant;
  for (const [lang, text] of Object.entries(config.branding.tagline ?? {})) check(`branding.tagline.${lang}`, text);
  for (const [key, service] of Object.entries(config.services)) {
    const title = service.settings?.title;
    if (isJsonObject(title))
      for (const [lang, text] of Object.entries(title as Record<string, unknown>)) check(`services.${key}.settings.title.${lang}`, text);
  }
  for (const [code, n] of Object.entries(config.emergencyNumbers ?? {})) {
    for (const [lang, text] of Object.entries(n.name)) check(`emergencyNumbers.${code}.name.${lang}`, text);
    for (const [lang, text] of Object.entries(n.description ?? {})) check(`emergencyNumbers.${code}.description.${lang}`, text);
  }
  for (const [code, a] of Object.entries(config.agencies)) check(`agencies.${code}.name`, a.name);
  for (const [code, p] of Object.entries(config.partnerApps ?? {}))
    for (const [lang, text] of Object.entries(p.name)) check(`partnerApps.${code}.name.${lang}`, text);
  for (const [key, value] of Object.entries((config as { strings?: Record<string, Record<string, string>> }).strings ?? {})) {
    for (const [lang, text] of Object.entries(value)) check(`strings.${key}.${lang}`, text);
  }
  // Locale files are inherited along the chain: a string there that names a province shows on this tenant's pages.
  for (const dir of ancestorDirs) {
    const locales = join(dir, 'locales');
    if (!existsSync(locales)) continue;
    for (const name of readdirSync(locales).filter((f) => f.endsWith('.yaml'))) {
      const path = join(locales, name);
      let data: unknown;
      try {
        data = parse(readFileSync(path, 'utf8'));
      } catch {
        continue; // validation reports unreadable files
      }
      for (const [key, text] of flatten(data)) check(`${displayPath(path)}: ${key}`, text);
    }
  }
  return found;
}

function flatten(value: unknown, prefix = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

function hasPath(patch: JsonObject, path: string[]): boolean {
  let at: unknown = patch;
  for (const key of path) {
    if (!at || typeof at !== 'object' || !Object.hasOwn(at, key)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return at !== null && at !== undefined;
}

function sameColors(patch: JsonObject, config: TenantConfig): boolean {
  const colors = (patch.branding as { colors?: Record<string, string> } | undefined)?.colors;
  return (
    colors !== undefined && Object.entries(colors).every(([k, v]) => (config.branding.colors as unknown as Record<string, string>)[k] === v)
  );
}
