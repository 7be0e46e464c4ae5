/**
 * The form every host is compared in: lower-case, without port, without the
 * trailing dot of a fully-qualified name. Returns '' for a missing or malformed host.
 */
export function normalizeHost(raw: string | string[] | undefined): string {
  const value = (Array.isArray(raw) ? raw[0] : raw)?.split(',')[0]?.trim().toLowerCase();
  if (!value) return '';
  let host = value;
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    host = end > 0 ? host.slice(0, end + 1) : '';
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) host = host.slice(0, colon);
  }
  while (host.endsWith('.')) host = host.slice(0, -1);
  return /^[a-z0-9.\-\[\]:]+$/.test(host) ? host : '';
}
