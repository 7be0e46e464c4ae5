/**
 * The standard perangkat daerah of a province, after the national nomenclature
 * (UU 23/2014 on regional government, PP 18/2016 on perangkat daerah), and what
 * each handles among the national base's report categories. A new province
 * starts with these; its admins rename, merge or add agencies in the console.
 */
export interface StandardAgency {
  code: string;
  /** The name before "Provinsi <name>". */
  title: string;
  kind: 'dinas' | 'badan' | 'biro' | 'satuan';
  /** The report categories this agency answers for, province-wide. */
  categories: string[];
}

export const STANDARD_AGENCIES: readonly StandardAgency[] = [
  {
    code: 'dinas-pupr',
    title: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    kind: 'dinas',
    categories: [
      'jalan-rusak',
      'jalan-berlubang',
      'trotoar-rusak',
      'jembatan-rusak',
      'saluran-tersumbat',
      'turap-longsor',
      'genangan-air',
      'pipa-air-bocor',
      'bangunan-tanpa-izin',
    ],
  },
  {
    code: 'dinas-perkim',
    title: 'Dinas Perumahan dan Kawasan Permukiman',
    kind: 'dinas',
    categories: ['toilet-umum-rusak', 'taman-rusak'],
  },
  {
    code: 'dinas-lingkungan-hidup',
    title: 'Dinas Lingkungan Hidup',
    kind: 'dinas',
    categories: ['sampah', 'pembuangan-sampah-liar', 'pencemaran-udara', 'pencemaran-sungai', 'kebisingan'],
  },
  {
    code: 'dinas-perhubungan',
    title: 'Dinas Perhubungan',
    kind: 'dinas',
    categories: ['parkir-liar', 'lampu-lalu-lintas-rusak', 'rambu-lalu-lintas-rusak', 'kendaraan-terlantar', 'pju-mati'],
  },
  { code: 'dinas-kesehatan', title: 'Dinas Kesehatan', kind: 'dinas', categories: ['layanan-fasilitas-kesehatan', 'sarang-nyamuk'] },
  { code: 'dinas-sosial', title: 'Dinas Sosial', kind: 'dinas', categories: ['pmks'] },
  {
    code: 'dinas-pppa',
    title: 'Dinas Pemberdayaan Perempuan dan Perlindungan Anak',
    kind: 'dinas',
    categories: ['kekerasan-perempuan-anak'],
  },
  { code: 'dinas-dukcapil', title: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'dinas', categories: ['layanan-adminduk'] },
  { code: 'dinas-kominfo', title: 'Dinas Komunikasi dan Informatika', kind: 'dinas', categories: ['kabel-semrawut'] },
  { code: 'dinas-pertanian', title: 'Dinas Pertanian', kind: 'dinas', categories: ['hewan-liar'] },
  {
    code: 'satpol-pp',
    title: 'Satuan Polisi Pamong Praja',
    kind: 'satuan',
    categories: ['gangguan-ketertiban-umum', 'reklame-liar', 'pedagang-kaki-lima'],
  },
  {
    code: 'bpbd',
    title: 'Badan Penanggulangan Bencana Daerah',
    kind: 'badan',
    categories: ['banjir', 'bahaya-kebakaran', 'pohon-tumbang'],
  },
  { code: 'biro-pemerintahan', title: 'Biro Pemerintahan dan Otonomi Daerah', kind: 'biro', categories: ['layanan-kelurahan'] },
];

/**
 * The agency that receives a report nothing else claims (a category added to
 * the base later, a report outside every region): the bureau that coordinates
 * with the kabupaten/kota, so no report is left without a receiver.
 */
export const FALLBACK_AGENCY = 'biro-pemerintahan';

/**
 * Categories that are a kabupaten's or kota's own affair (waste collection,
 * fire brigade, street lighting, village services, civil registration): inside
 * a kabupaten/kota they go to its Pemkab/Pemkot first, the province's agency
 * keeping them where no kabupaten/kota can be told.
 */
export const REGENCY_CATEGORIES: readonly string[] = [
  'sampah',
  'pembuangan-sampah-liar',
  'bahaya-kebakaran',
  'pju-mati',
  'layanan-kelurahan',
  'layanan-adminduk',
  'taman-rusak',
];
