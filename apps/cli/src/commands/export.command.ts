import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { displayPath, Json, JsonObject, mergePatch, Tenant } from '@app/tenancy';
import { EmbeddedDatabaseBusyError } from '@app/database';
import { TenantRegistry } from '@app/tenancy';
import { createPlatform } from '../../../platform/src/platform';
import { CliCommand, CommandError, DIR_HELP } from '../command';
import { tenantFileText, toYaml } from '../tenant-yaml';
import { loadWorkspace, requireTenant, tenantsDir, TenantsWorkspace } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- export <slug> [--out <dir>] [--dir <path>]

Prints the effective config of <slug> (its extends chain merged) as YAML, or,
with --out, writes it as a standalone tenant folder without \`extends\`: the
config files plus templates/, locales/ and assets/ merged along the chain.

Options:
  --out <dir>         write a tenant folder here (must not exist or be empty)
  --with-revisions    include the admin's latest revision from the database (DATABASE_URL,
                      or the embedded one under $DATA_DIR: stop the platform first on PGlite)
${DIR_HELP}`,
  options: { out: { type: 'string' }, 'with-revisions': { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(args) {
    const workspace = loadWorkspace(tenantsDir(args));
    const folderTenant = requireTenant(workspace, args.positionals[0]);
    const tenant = args.values['with-revisions'] ? await withRevisions(tenantsDir(args), folderTenant.slug) : folderTenant;
    // Everything is merged in, so the parent no longer matters.
    const { extends: _parent, ...config } = tenant.config as unknown as JsonObject;
    const out = args.values.out as string | undefined;
    if (out === undefined) {
      process.stdout.write(toYaml(config));
      return 0;
    }
    prepareEmptyDir(out);
    writeConfigFiles(out, config, fileLayout(workspace, tenant));
    copyFolderFiles(out, tenant);
    const revision = tenant.revision ? ` + admin revision ${tenant.revision}` : '';
    console.log(`exported '${tenant.slug}' (${tenant.chain.join(' <- ')}${revision}) to ${displayPath(out)}`);
    return 0;
  },
};

/** The tenant as the platform serves it: its folders plus the latest admin revision in the database. */
async function withRevisions(dir: string, slug: string): Promise<Tenant> {
  let platform: Awaited<ReturnType<typeof createPlatform>> | undefined;
  try {
    platform = await createPlatform({ ...process.env, TENANTS_DIR: dir, WATCH_TENANTS: 'false', JOB_WORKERS: 'false' }, { logger: false });
    await platform.app.init();
    return platform.app.get(TenantRegistry).getOrThrow(slug);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError) throw new CommandError(error.message);
    throw error;
  } finally {
    await platform?.app.close();
  }
}

function prepareEmptyDir(out: string): void {
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new CommandError(`${displayPath(out)} exists and is not an empty folder`);
  }
  mkdirSync(out, { recursive: true });
}

/**
 * Which file each top-level key goes to: the file that defines it nearest
 * along the chain (agencies.yaml, routing.yaml...), so the export reads like
 * the folders it came from; tenant.yaml for the rest.
 */
function fileLayout(workspace: TenantsWorkspace, tenant: Tenant): Map<string, string> {
  const layout = new Map<string, string>();
  for (const slug of [...tenant.chain].reverse()) {
    for (const file of workspace.sources.folders.get(slug)?.files ?? []) {
      for (const key of Object.keys(file.data)) layout.set(key, basename(file.name));
    }
  }
  return layout;
}

function writeConfigFiles(out: string, config: JsonObject, layout: Map<string, string>): void {
  const files = new Map<string, JsonObject>([['tenant.yaml', {}]]);
  for (const [key, value] of Object.entries(config)) {
    const name = layout.get(key) ?? 'tenant.yaml';
    files.set(name, { ...files.get(name), [key]: value });
  }
  for (const [name, data] of files) writeFileSync(join(out, name), tenantFileText(data));
}

/** Templates and assets: the child's file wins. Locale files: merged key by key, as the platform merges UI strings. */
function copyFolderFiles(out: string, tenant: Tenant): void {
  const rootFirst = [...tenant.folders].reverse();
  for (const sub of ['templates', 'assets']) {
    for (const dir of rootFirst) {
      if (existsSync(join(dir, sub))) cpSync(join(dir, sub), join(out, sub), { recursive: true, force: true });
    }
  }
  const locales = new Map<string, Json>();
  for (const dir of rootFirst.map((d) => join(d, 'locales')).filter((d) => existsSync(d))) {
    for (const file of readdirSync(dir)) {
      const path = join(dir, file);
      if (/\.ya?ml$/.test(file)) locales.set(file, mergePatch(locales.get(file), (parse(readFileSync(path, 'utf8')) as Json | null) ?? {}));
      else cpSync(path, join(out, 'locales', file), { recursive: true, force: true });
    }
  }
  if (locales.size > 0) mkdirSync(join(out, 'locales'), { recursive: true });
  for (const [file, strings] of locales) writeFileSync(join(out, 'locales', file), toYaml(strings));
}
