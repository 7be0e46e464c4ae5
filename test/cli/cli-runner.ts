import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { parse, stringify } from 'yaml';
import type { TenantConfig } from '@app/tenancy';

/** The project root, from the compiled dist/test/cli. */
export const ROOT = join(__dirname, '..', '..', '..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI as a developer would, in its own process. */
export function tenantCli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TENANTS_DIR: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking this process: for a command that talks to a
 * server running inside the test (s3rver), which spawnSync would starve.
 */
export function tenantCliAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, TENANTS_DIR: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A scratch copy of the shipped tenants/, removed after the test: tests never touch the real folder. */
export function tenantsCopy(t: TestContext): string {
  const scratch = mkdtempSync(join(tmpdir(), 'replika-cli-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  const dir = join(scratch, 'tenants');
  cpSync(join(ROOT, 'tenants'), dir, { recursive: true });
  return dir;
}

/** A tenant file or export, read as the config it describes (the tests assert on what it holds). */
export function yamlConfig(text: string): TenantConfig {
  return parse(text) as TenantConfig;
}

/**
 * Edits one YAML file of a tenants copy (comments are lost, which the tests do not mind). `T` is the part of the
 * file's shape the edit relies on: the file itself is whatever the tenant folder holds.
 */
export function editYaml<T>(file: string, edit: (data: T) => void): void {
  const data = parse(readFileSync(file, 'utf8')) as T;
  edit(data);
  writeFileSync(file, stringify(data));
}
