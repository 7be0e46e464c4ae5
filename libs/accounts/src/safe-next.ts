const BASE = 'http://replika.invalid';

/**
 * Where to go after signing in: only a path on this site. The value is first
 * normalised the way a browser would (URL resolution against a fixed base:
 * dot segments, percent-decoding by the query parser already done), and only
 * then checked, because `/.//evil.example` and `/..//evil.example` become
 * `//evil.example` (another host) once resolved. Backslashes and control
 * characters (tab, newline, which browsers strip) are refused outright.
 * Anything else falls back to `/`.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 1000) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern matches
  if (/[\u0000-\u001f\u007f\\]/.test(next) || !next.startsWith('/')) return '/';
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE) return '/';
    const path = url.pathname + url.search + url.hash;
    // The normalised value is what the browser will resolve: it must be a path-only reference too.
    if (!isPathOnly(path) || new URL(path, BASE).origin !== BASE) return '/';
    return path;
  } catch {
    return '/';
  }
}

/** `/x`, never `//host` or `/\host` (a host to browsers). */
export function isPathOnly(location: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern matches
  return /^\/(?![/\\])/.test(location) && !/[\u0000-\u001f\u007f\\]/.test(location);
}
