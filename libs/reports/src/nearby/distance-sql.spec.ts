import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundingBox, EARTH_RADIUS_M } from './distance-sql';

test('the bounding box holds the radius in every direction, wider in longitude away from the equator', () => {
  const metresPerDegree = (Math.PI * EARTH_RADIUS_M) / 180;
  const atJakarta = boundingBox(-6.2, 250);
  assert.ok(Math.abs(atJakarta.dLat * metresPerDegree - 250) < 0.01);
  assert.ok(atJakarta.dLng > atJakarta.dLat);
  assert.ok(Math.abs(atJakarta.dLng * metresPerDegree * Math.cos((6.2 * Math.PI) / 180) - 250) < 0.01);
  assert.ok(Number.isFinite(boundingBox(90, 250).dLng), 'no division by zero at a pole');
});
