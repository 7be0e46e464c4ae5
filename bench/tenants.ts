import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const genSlug = (i: number) => `gen-${String(i).padStart(4, '0')}`;

/** The folders a generated tenants folder copies: the national base and the two provinces on it. */
export const SHIPPED_TENANTS = ['indonesia', 'jakarta', 'lampung'];

/**
 * A generated tenant's own place, the least that validates: a tenant that
 * extends jakarta gets Jakarta's app but never its place.
 */
export const GENERATED_PLACE = [
  'area: { south: -6.5, west: 106.0, north: -6.0, east: 106.5 }',
  'regions: { "99": { name: Generated, kind: provinsi } }',
  'agencies: { biro-umum: { name: Biro Umum, kind: biro, region: "99", categories: [jalan-rusak] } }',
  'routing: { rules: { jalan-rusak: { category: jalan-rusak, agency: biro-umum } } }',
  'reports: { ticketPrefix: GN, escalation: { agency: biro-umum } }',
];
export const genHost = (i: number) => `${genSlug(i)}.example.test`;

/**
 * A temporary tenants folder: the real jakarta and lampung, plus `count`
 * generated tenants that each extend jakarta with their own name, host, app
 * name and a minimal place of their own. Returns the folder and the host of the last generated tenant.
 */
export function generateTenants(
  sourceDir: string,
  count: number,
  parent = mkdtempSync(join(tmpdir(), 'replika-bench-tenants-')),
): { dir: string; lastHost: string } {
  const dir = join(parent, `n${count}`);
  mkdirSync(dir, { recursive: true });
  for (const slug of SHIPPED_TENANTS) cpSync(join(sourceDir, slug), join(dir, slug), { recursive: true });
  for (let i = 1; i <= count; i++) writeGeneratedTenant(dir, genSlug(i), genHost(i), i);
  return { dir, lastHost: genHost(count) };
}

/** Writes tenant `slug` into `dir`: it extends jakarta with its own name, host, app name (`GEN<i>`) and a minimal place. */
export function writeGeneratedTenant(dir: string, slug: string, host: string, i: number): void {
  mkdirSync(join(dir, slug));
  writeFileSync(
    join(dir, slug, 'tenant.yaml'),
    [
      'extends: jakarta',
      `name: Generated tenant ${i}`,
      'hosts:',
      `  primary: ${host}`,
      '  aliases: []',
      '  local: []',
      'branding:',
      `  appName: GEN${i}`,
      ...GENERATED_PLACE,
      '',
    ].join('\n'),
  );
}
