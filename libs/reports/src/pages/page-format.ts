/** One date and time format everywhere (the time-zone module of libs/config). */
export { formatDateTime } from '@app/config';

/** A query string from the values that are set, for links that keep filters. */
export function queryOf(values: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
