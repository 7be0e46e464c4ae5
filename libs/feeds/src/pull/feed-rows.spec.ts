import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { AddressPolicy } from '../fetch/address-policy';
import { sparkline } from '../pages/sparkline';
import { mapRows, parseDate, parseNumber } from './feed-rows';

test('numbers as Indonesian sources write them', () => {
  assert.equal(parseNumber(14500), 14500);
  assert.equal(parseNumber('14.500'), 14500);
  assert.equal(parseNumber('Rp 14.500,00'), 14500);
  assert.equal(parseNumber('12,5'), 12.5);
  assert.equal(parseNumber('12,500.75'), 12500.75);
  assert.equal(parseNumber('1.234.567'), 1234567);
  assert.equal(parseNumber('12.5'), 12.5);
  for (const bad of ['mahal', '', '-5', -5, '1e5', 'Rp', null, undefined, {}, Infinity]) assert.equal(parseNumber(bad), null, inspect(bad));
});

test("dates: ISO, dd/mm/yyyy and dd-mm-yyyy; without a zone, the tenant's", () => {
  assert.equal(parseDate('2026-11-28', 'Asia/Jakarta')!.toISOString(), '2026-11-27T17:00:00.000Z');
  assert.equal(parseDate('28/11/2026', 'Asia/Jakarta')!.toISOString(), '2026-11-27T17:00:00.000Z');
  assert.equal(parseDate('28-11-2026', 'Asia/Makassar')!.toISOString(), '2026-11-27T16:00:00.000Z');
  assert.equal(parseDate('2026-11-28T08:00:00+07:00', 'UTC')!.toISOString(), '2026-11-28T01:00:00.000Z');
  assert.equal(parseDate('2026-11-28 08:00', 'Asia/Jakarta')!.toISOString(), '2026-11-28T01:00:00.000Z');
  for (const bad of ['31/02/2026', 'kemarin', '2026-13-01', '', 20261128, null])
    assert.equal(parseDate(bad, 'Asia/Jakarta'), null, String(bad));
});

test('rows are mapped, malformed ones rejected with a reason, duplicates keep the last', () => {
  const source = {
    kind: 'food-prices' as const,
    fields: { date: 'tanggal', item: 'komoditas', place: 'pasar', value: 'harga.rata' },
    unit: 'Rp/kg',
  };
  const now = new Date('2026-11-29T00:00:00Z');
  const { rows, rejected, rejects } = mapRows(
    [
      { tanggal: '2026-11-28', komoditas: ' Beras\tMedium ', pasar: 'Senen', harga: { rata: '14.000' } },
      { tanggal: '2026-11-28', komoditas: 'Beras Medium', pasar: 'Senen', harga: { rata: '14.500' } },
      { tanggal: '2030-01-01', komoditas: 'Gula', harga: { rata: 1 } },
      { tanggal: '2026-11-28', komoditas: '', harga: { rata: 1 } },
      { tanggal: '2026-11-28', komoditas: 'Minyak', harga: { rata: 'n/a' } },
      [1, 2] as unknown as Record<string, unknown>,
    ],
    source,
    'Asia/Jakarta',
    now,
  );
  assert.equal(rows.length, 1);
  assert.deepEqual(
    { item: rows[0].item, value: rows[0].value, unit: rows[0].unit, place: rows[0].place },
    { item: 'Beras Medium', value: 14500, unit: 'Rp/kg', place: 'Senen' },
  );
  assert.equal(rejected, 4);
  assert.deepEqual(
    rejects.map((r) => [r.row, r.reason]),
    [
      [3, 'bad-date'],
      [4, 'missing-item'],
      [5, 'bad-value'],
      [6, 'not-an-object'],
    ],
  );
});

test('only public unicast addresses, unless the operator allows private ones', () => {
  const strict = new AddressPolicy('false');
  for (const ip of [
    '127.0.0.1',
    '127.0.0.2',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::ffff:127.0.0.1',
    'fd00::1',
    'fe80::1',
    'bukan-ip',
  ]) {
    assert.equal(strict.permits(ip), false, ip);
  }
  for (const ip of ['8.8.8.8', '103.10.20.30', '2001:4860:4860::8888']) assert.equal(strict.permits(ip), true, ip);
  const list = new AddressPolicy('127.0.0.1');
  assert.equal(list.permits('127.0.0.1'), true);
  assert.equal(list.permits('127.0.0.2'), false);
  assert.equal(new AddressPolicy('true').permits('10.0.0.1'), true);
});

test('a sparkline spans its box, rising or falling from first to last', () => {
  const up = sparkline([10, 12, 15])!;
  assert.equal(up.direction, 1);
  assert.equal(up.points, '3,29 60,18.6 117,3');
  assert.equal(sparkline([5, 5])!.direction, 0);
  assert.equal(sparkline([9, 3])!.direction, -1);
  assert.equal(sparkline([1]), null);
});
