import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadTenants } from '@app/tenancy';
import { locateRegion, routeReport } from './report-router';

const tenants = loadTenants(join(__dirname, '..', '..', '..', '..', '..', 'tenants'));
const jakarta = tenants.find((t) => t.slug === 'jakarta')!.config;
const lampung = tenants.find((t) => t.slug === 'lampung')!.config;

test('Jakarta: a damaged road in Jakarta Selatan goes to its Suku Dinas by the kota rule', () => {
  const region = locateRegion(jakarta, -6.2615, 106.8106);
  assert.equal(region, '31.74');
  assert.deepEqual(routeReport(jakarta, 'jalan-rusak', region), {
    agency: 'sudin-bina-marga-jakarta-selatan',
    rule: 'jalan-rusak-jakarta-selatan',
  });
});

test('a category without a regional rule goes to the provincial agency', () => {
  assert.equal(routeReport(jakarta, 'parkir-liar', '31.74')?.agency, 'dinas-perhubungan');
});

test('a kecamatan inside a kota matches the kota rule', () => {
  assert.equal(routeReport(jakarta, 'jalan-rusak', '31.74.01')?.rule, 'jalan-rusak-jakarta-selatan');
});

test("Lampung uses its own rules: the city of Bandar Lampung, else the province's dinas", () => {
  const inCity = locateRegion(lampung, -5.43, 105.26);
  assert.equal(inCity, '18.71');
  assert.equal(routeReport(lampung, 'jalan-rusak', inCity)?.agency, 'pemkot-bandar-lampung');
  assert.equal(routeReport(lampung, 'jalan-rusak', '18.02')?.agency, 'dinas-bmbk');
});

test('a point outside the tenant area has no region', () => {
  assert.equal(locateRegion(jakarta, -5.43, 105.26), null);
  assert.equal(locateRegion(lampung, -6.2, 106.8), null);
});

/** Jakarta with JAKI's order switched on and offices for Kelurahan Gambir (31.71.01.1001) and Kecamatan Gambir. */
function withLocalOffices(kelurahanFirst: boolean) {
  return {
    ...jakarta,
    routing: { ...jakarta.routing, kelurahanFirst },
    agencies: {
      ...jakarta.agencies,
      'kelurahan-gambir': { name: 'Kelurahan Gambir', kind: 'kelurahan' as const, region: '31.71.01.1001', categories: [] },
      'kecamatan-gambir': { name: 'Kecamatan Gambir', kind: 'kecamatan' as const, region: '31.71.01', categories: [] },
    },
  };
}

test("JAKI's order: with kelurahanFirst a report goes to its kelurahan office first, else its kecamatan's", () => {
  const config = withLocalOffices(true);
  assert.deepEqual(routeReport(config, 'jalan-rusak', '31.71.01.1001'), { agency: 'kelurahan-gambir', rule: 'kelurahan-first' });
  assert.equal(routeReport(config, 'jalan-rusak', '31.71.01.1002')?.agency, 'kecamatan-gambir');
  // Outside every office, and with no region at all, the rules decide as before.
  assert.equal(routeReport(config, 'jalan-rusak', '31.74.01')?.agency, 'sudin-bina-marga-jakarta-selatan');
  assert.equal(routeReport(config, 'parkir-liar', null)?.agency, 'dinas-perhubungan');
});

test('without kelurahanFirst the same report goes straight to the agency of its category', () => {
  assert.equal(routeReport(withLocalOffices(false), 'jalan-rusak', '31.71.01.1001')?.agency, 'sudin-bina-marga-jakarta-pusat');
});

test('a category nobody handles goes to routing.fallback, never to nothing', () => {
  assert.equal(routeReport(jakarta, 'kategori-baru', '31.74'), null);
  const config = { ...jakarta, routing: { ...jakarta.routing, fallback: 'biro-pemerintahan' } };
  assert.deepEqual(routeReport(config, 'kategori-baru', null), { agency: 'biro-pemerintahan', rule: 'fallback' });
});
