import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AreaReference, parseDms } from './area-reference';
import { PROVINCE_BOUNDS } from './province-bounds';
import { provincePlace, ticketPrefixOf } from './province-place';
import { FALLBACK_AGENCY } from './standard-agencies';

const reference = new AreaReference();

test('the reference data has every official area (Kemendagri counts)', () => {
  assert.equal(reference.provinces().length, 38);
  const regencies = reference.provinces().flatMap((p) => reference.regencies(p.code));
  assert.equal(regencies.length, 514);
  assert.equal(regencies.flatMap((r) => reference.districts(r.code)).length, 7285);
});

test('a province is found by code or by name, whatever the case and spacing', () => {
  for (const query of ['82', 'Maluku Utara', 'maluku  utara', ' MALUKU UTARA ', 'Provinsi Maluku Utara'])
    assert.equal(reference.province(query)?.code, '82', query);
  assert.equal(reference.province('DKI Jakarta')?.code ?? reference.province('Jakarta')?.code, '31');
  assert.equal(reference.province('Maluku')?.code, '81');
  assert.equal(reference.province('Atlantis'), undefined);
  assert.equal(reference.province('99'), undefined);
});

test('kabupaten/kota, kecamatan and kelurahan of North Maluku', () => {
  const regencies = reference.regencies('82');
  assert.equal(regencies.length, 10);
  assert.deepEqual(
    regencies.find((r) => r.code === '82.71'),
    { code: '82.71', name: 'Kota Ternate', parent: '82', level: 'kota' },
  );
  assert.equal(regencies.find((r) => r.code === '82.01')?.level, 'kabupaten');
  assert.ok(reference.districts('82.71').some((d) => d.name === 'Pulau Ternate'));
  const villages = reference.villages('82.71.01');
  assert.ok(villages.some((v) => v.code === '82.71.01.1001' && v.name === 'Jambula' && v.level === 'kelurahan'));
  assert.equal(reference.find('82.71.01.1001')?.name, 'Jambula');
  assert.equal(reference.find('82.71.01.9999'), undefined);
  assert.deepEqual(
    reference.search('82.71', 'ternate selatan').map((a) => a.code),
    ['82.71.02'],
  );
});

test('island coordinates in degrees, minutes and seconds', () => {
  assert.deepEqual(parseDms(`00°48'33.99" N 127°20'29.00" E`), { lat: 0.8094, lng: 127.3414 });
  assert.deepEqual(parseDms(`06°10'00.00" S 106°49'00.00" E`), { lat: -6.1667, lng: 106.8167 });
  assert.equal(parseDms('nowhere'), undefined);
});

test('Kota Ternate is centred on Pulau Ternate, not on its far islands', () => {
  const center = reference.regencyCenter('82.71');
  assert.ok(center && Math.abs(center.lat - 0.81) < 0.05 && Math.abs(center.lng - 127.34) < 0.05, JSON.stringify(center));
});

test('every province has bounds that hold nearly all of its islands', () => {
  const islands = reference.islandPoints();
  for (const province of reference.provinces()) {
    const b = PROVINCE_BOUNDS[province.code];
    assert.ok(b && b.south < b.north && b.west < b.east, province.name);
    const own = islands.filter((i) => i.code.startsWith(`${province.code}.`));
    const inside = own.filter((i) => i.lat >= b.south && i.lat <= b.north && i.lng >= b.west && i.lng <= b.east);
    assert.ok(own.length === 0 || inside.length / own.length >= 0.95, `${province.name}: ${inside.length}/${own.length} islands inside`);
  }
});

test('a province place: standard OPD, one Pemkab/Pemkot per kabupaten/kota, every category routed', () => {
  const place = provincePlace(reference, reference.province('82')!, ['jalan-rusak', 'sampah', 'kategori-baru']);
  assert.equal(place.ticketPrefix, 'MU');
  assert.equal(place.regions['82.71'].name, 'Kota Ternate');
  assert.equal(place.regions['82.71.01'].parent, '82.71');
  assert.equal(Object.keys(place.regions).filter((c) => c.split('.').length === 4).length, 0, 'no desa/kelurahan in the generated regions');
  assert.equal(place.agencies['dinas-pupr'].name, 'Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Maluku Utara');
  assert.equal(place.agencies['pemkot-ternate'].name, 'Pemerintah Kota Ternate');
  assert.equal(place.agencies['pemkab-halmahera-barat'].kind, 'pemkab');
  assert.equal(place.routing.rules['jalan-rusak'].agency, 'dinas-pupr');
  assert.deepEqual(place.routing.rules['sampah-pemkot-ternate'], { category: 'sampah', region: '82.71', agency: 'pemkot-ternate' });
  assert.equal(place.routing.rules['kategori-baru'].agency, FALLBACK_AGENCY);
  assert.equal(place.routing.fallback, FALLBACK_AGENCY);
  for (const agency of Object.values(place.agencies))
    for (const c of agency.categories) assert.ok(['jalan-rusak', 'sampah', 'kategori-baru'].includes(c));
});

test('ticket prefixes from the province name, avoiding taken ones', () => {
  assert.equal(ticketPrefixOf('Maluku Utara'), 'MU');
  assert.equal(ticketPrefixOf('Nusa Tenggara Barat'), 'NTB');
  assert.equal(ticketPrefixOf('Lampung'), 'LM');
  assert.equal(ticketPrefixOf('Maluku Utara', ['MU']), 'ML');
  assert.match(ticketPrefixOf('Daerah Khusus Ibukota Jakarta'), /^[A-Z]{2,4}$/);
});
