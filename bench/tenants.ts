import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const genSlug = (i: number) => `gen-${String(i).padStart(4, '0')}`;
export const genHost = (i: number) => `${genSlug(i)}.example.test`;

/**
 * A temporary tenants folder: the real jakarta and lampung, plus `count`
 * generated tenants that each extend jakarta with their own name, host and
 * app name. Returns the folder and the host of the last generated tenant.
 */
export function generateTenants(sourceDir: string, count: number, parent = mkdtempSync(join(tmpdir(), 'replika-bench-tenants-'))): { dir: string; lastHost: string } {
  const dir = join(parent, `n${count}`);
  mkdirSync(dir, { recursive: true });
  for (const slug of ['jakarta', 'lampung']) cpSync(join(sourceDir, slug), join(dir, slug), { recursive: true });
  for (let i = 1; i <= count; i++) {
    mkdirSync(join(dir, genSlug(i)));
    writeFileSync(
      join(dir, genSlug(i), 'tenant.yaml'),
      [
        'extends: jakarta',
        `name: Generated tenant ${i}`,
        'hosts:',
        `  primary: ${genHost(i)}`,
        '  aliases: []',
        '  local: []',
        'branding:',
        `  appName: GEN${i}`,
        '',
      ].join('\n'),
    );
  }
  return { dir, lastHost: genHost(count) };
}
