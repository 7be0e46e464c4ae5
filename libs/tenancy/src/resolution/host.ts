/** A Host (or X-Forwarded-Host) value taken apart: the name in compared form, and the port if one was given. */
export interface ParsedHost {
  /** Lower-case, without port and without the trailing dot of a fully-qualified name. */
  name: string;
  port?: number;
}

// One DNS name (letters, digits, hyphens, dots; labels of 1-63), or a bracketed IPv6 literal; then an optional port.
const HOST_VALUE =
  /^(?:((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?)|(\[[0-9a-f:.]+\]))(?::(\d{1,5}))?$/;

/**
 * Parses one Host value strictly (RFC 9110 §7.2: `uri-host [ ":" port ]`).
 * Anything else is ambiguous or malformed and gets `null`: a comma list (two
 * hosts), userinfo (`jakarta.localhost:@evil.example`), a path, spaces or any
 * other character, an empty or out-of-range port. Nothing is guessed: a
 * request whose Host can be read two ways is refused, not served as one of them.
 */
export function parseHost(raw: string | undefined): ParsedHost | null {
  if (raw === undefined) return null;
  const value = raw.trim().toLowerCase();
  if (value.length === 0 || value.length > 260) return null;
  const m = HOST_VALUE.exec(value);
  if (!m) return null;
  let name = m[1] ?? m[2];
  while (name.endsWith('.')) name = name.slice(0, -1);
  if (!name) return null;
  if (m[3] === undefined) return { name };
  const port = Number(m[3]);
  return port >= 1 && port <= 65535 ? { name, port } : null;
}

/**
 * The form every host is compared in: lower-case, without port, without the
 * trailing dot of a fully-qualified name. Returns '' for a missing, ambiguous
 * (a list) or malformed host.
 */
export function normalizeHost(raw: string | string[] | undefined): string {
  if (Array.isArray(raw)) return raw.length === 1 ? normalizeHost(raw[0]) : '';
  return parseHost(raw)?.name ?? '';
}
