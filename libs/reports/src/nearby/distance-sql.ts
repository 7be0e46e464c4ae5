/**
 * Distances on the sphere in plain SQL (no PostGIS: PGlite has none, and a
 * few hundred metres need no geodesy). A bounding box on latitude/longitude
 * comes first so an index narrows the rows; the haversine distance decides.
 */

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (Math.PI * EARTH_RADIUS_M) / 180;

/** Haversine distance in metres between two points given as SQL expressions in degrees. */
export function haversineSql(lat1: string, lng1: string, lat2: string, lng2: string): string {
  return `(2 * ${EARTH_RADIUS_M} * asin(least(1, sqrt(power(sin(radians(${lat2} - ${lat1}) / 2), 2)
    + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lng2} - ${lng1}) / 2), 2)))))`;
}

/** The half-sides in degrees of a box holding every point within `radiusMeters` of `latitude`. */
export function boundingBox(latitude: number, radiusMeters: number): { dLat: number; dLng: number } {
  const dLat = radiusMeters / METRES_PER_DEGREE;
  const dLng = radiusMeters / (METRES_PER_DEGREE * Math.max(0.01, Math.cos((latitude * Math.PI) / 180)));
  return { dLat, dLng };
}

/** The same box as SQL, for a point that is a column (the other report). */
export function boxSqlAround(lat: string, lng: string, otherLat: string, otherLng: string, radiusParam: string): string {
  const dLat = `(${radiusParam}::float8 / ${METRES_PER_DEGREE})`;
  const dLng = `(${radiusParam}::float8 / (${METRES_PER_DEGREE} * greatest(0.01, cos(radians(${lat})))))`;
  return `${otherLat} BETWEEN ${lat} - ${dLat} AND ${lat} + ${dLat} AND ${otherLng} BETWEEN ${lng} - ${dLng} AND ${lng} + ${dLng}`;
}
