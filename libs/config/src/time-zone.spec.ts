import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatDateTime,
  formatIsoInZone,
  formatLongDate,
  localDay,
  parseIsoInZone,
  utcToWallClock,
  wallClockToUtc,
  zoneOffsetMinutes,
} from './time-zone';

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

test('WIB, WITA and WIT are +07:00, +08:00 and +09:00 all year (Indonesia keeps no summer time)', () => {
  for (const at of [new Date('2026-01-15T12:00:00Z'), new Date('2026-07-15T12:00:00Z')]) {
    assert.equal(zoneOffsetMinutes(at, WIB), 420);
    assert.equal(zoneOffsetMinutes(at, WITA), 480);
    assert.equal(zoneOffsetMinutes(at, WIT), 540);
  }
});

test("the day boundary is the tenant's: one instant, three calendar days apart by zone", () => {
  // 16:59:59 UTC is 23:59:59 WIB, but already the next day in WITA and WIT.
  const instant = new Date('2025-03-05T16:59:59Z');
  assert.equal(localDay(instant, WIB), '2025-03-05');
  assert.equal(localDay(instant, WITA), '2025-03-06');
  assert.equal(localDay(instant, WIT), '2025-03-06');
  assert.equal(localDay(new Date('2025-03-05T17:00:00Z'), WIB), '2025-03-06', 'midnight WIB starts the next day');
  assert.equal(localDay(new Date('2025-03-05T15:59:59Z'), WITA), '2025-03-05');
  assert.equal(localDay(new Date('2025-03-05T15:00:00Z'), WIT), '2025-03-06');
  assert.equal(localDay(new Date('2025-12-31T17:00:00Z'), WIB), '2026-01-01', 'a new year starts at 17:00 UTC in WIB');
});

test("a wall-clock time on a tenant's clock and back", () => {
  assert.equal(wallClockToUtc('2026-03-01T09:30', WIB)!.toISOString(), '2026-03-01T02:30:00.000Z');
  assert.equal(wallClockToUtc('2026-03-01T09:30', WITA)!.toISOString(), '2026-03-01T01:30:00.000Z');
  assert.equal(wallClockToUtc('2026-03-01T00:15', WIT)!.toISOString(), '2026-02-28T15:15:00.000Z');
  assert.equal(utcToWallClock(new Date('2026-02-28T15:15:00Z'), WIT), '2026-03-01T00:15');
  assert.equal(utcToWallClock(new Date('2026-03-01T02:30:00Z'), WIB), '2026-03-01T09:30');
  for (const bad of ['2026-02-30T09:30', '2026-03-01T24:00', '2026-03-01T09:60', 'besok', '2026-03-01 09:30', '2026-03-01T09:30:00']) {
    assert.equal(wallClockToUtc(bad, WIB), null, bad);
  }
});

test("ISO 8601 out in the tenant's zone, and in with or without a zone", () => {
  const at = new Date('2026-11-28T01:15:00.999Z');
  assert.equal(formatIsoInZone(at, WIB), '2026-11-28T08:15:00+07:00');
  assert.equal(formatIsoInZone(at, WITA), '2026-11-28T09:15:00+08:00');
  assert.equal(formatIsoInZone(at, WIT), '2026-11-28T10:15:00+09:00');
  assert.equal(formatIsoInZone(at, 'UTC'), '2026-11-28T01:15:00Z');

  assert.equal(parseIsoInZone('2026-11-28T08:15:00+07:00', WIT)!.toISOString(), '2026-11-28T01:15:00.000Z', 'a given zone wins');
  assert.equal(parseIsoInZone('2026-11-28T08:15:00Z', WIB)!.toISOString(), '2026-11-28T08:15:00.000Z');
  assert.equal(parseIsoInZone('2026-11-28T08:15:00-0330', WIB)!.toISOString(), '2026-11-28T11:45:00.000Z');
  assert.equal(parseIsoInZone('2026-11-28T08:15', WITA)!.toISOString(), '2026-11-28T00:15:00.000Z', "no zone: the tenant's");
  assert.equal(parseIsoInZone('2026-11-28', WIT)!.toISOString(), '2026-11-27T15:00:00.000Z', 'a date alone is its midnight');
  assert.equal(parseIsoInZone('2026-11-28T08:15:00.250+07:00', WIB)!.toISOString(), '2026-11-28T01:15:00.250Z');
  for (const bad of ['2026-02-30', '2026-11-28T25:00', '2026-11-28T24:00', '28/11/2026', '2026-11-28T08:15:00+7', '', 'now']) {
    assert.equal(parseIsoInZone(bad, WIB), null, bad);
  }
});

test("dates written for people, in their language, on the tenant's clock", () => {
  const at = new Date('2026-11-28T16:30:00Z');
  assert.equal(formatDateTime(at, 'id', WIB), '28 Nov 2026, 23.30');
  assert.equal(formatDateTime(at, 'en', WIB), '28 Nov 2026, 23:30');
  assert.equal(formatDateTime(at, 'id', WITA), '29 Nov 2026, 00.30');
  assert.equal(formatDateTime(at.toISOString(), 'en', WIT), '29 Nov 2026, 01:30');
  assert.equal(formatDateTime(null, 'id', WIB), '');
  assert.equal(formatLongDate(at, 'id', WIB), '28 November 2026');
  assert.equal(formatLongDate(at, 'en', WIT), '29 November 2026');
});
