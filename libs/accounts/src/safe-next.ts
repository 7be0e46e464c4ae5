const BASE = 'http://replika.invalid';

/**
 * Where to go after signing in: only a path on this site. `//evil.com`,
 * `/\evil.com`, `https://evil.com` and anything with control characters fall
 * back to `/`.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 1000) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE) return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}
