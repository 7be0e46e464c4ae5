import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath, formatProblem, TENANT_SLUG } from '@app/tenancy';
import { CliCommand, CommandError, DIR_HELP, required } from '../command';
import { tenantFileText } from '../tenant-yaml';
import { loadWorkspace, problemsOfTenant, tenantsDir } from '../tenants-workspace';

/** Folders every tenant may have; created empty so a new tenant's layout is obvious. */
const TENANT_SUBFOLDERS = ['templates', 'locales', 'assets'];

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- create <slug> --from <parent> --name <name> --host <host> [--app-name <name>]

Scaffolds tenants/<slug>/ extending <parent>, answering on <host> and <slug>.localhost.
The new tenant gets <parent>'s app; its place (area, regions, agencies, routing,
ticket prefix, escalation agency) is never inherited from another province and
must be its own. The new tenant is validated; if it is not valid the folder is
removed again and every missing place key is listed.

Options:
  --from <parent>     the tenant to extend
  --name <name>       official name, e.g. "Provinsi Bali"
  --host <host>       primary host name
  --app-name <name>   app name shown to citizens (default: --name)
${DIR_HELP}`,
  options: { from: { type: 'string' }, name: { type: 'string' }, host: { type: 'string' }, 'app-name': { type: 'string' } },
  positionals: { min: 1, max: 1 },
  run(args) {
    const slug = args.positionals[0];
    const [parent, name, host] = [required(args, 'from'), required(args, 'name'), required(args, 'host')];
    const appName = (args.values['app-name'] as string | undefined) ?? name;
    if (!TENANT_SLUG.test(slug)) throw new CommandError(`invalid slug '${slug}': 2-40 lower-case letters, digits and dashes, starting with a letter`);

    const root = tenantsDir(args);
    const dir = join(root, slug);
    if (existsSync(dir)) throw new CommandError(`${displayPath(dir)} already exists`);
    const workspace = loadWorkspace(root);
    if (!workspace.sources.folders.has(parent)) throw new CommandError(`unknown parent tenant '${parent}'`);
    const local = `${slug}.localhost`;
    for (const wanted of new Set([host, local])) {
      const owner = [...workspace.tenants.values()].find((t) => t.hosts().some((h) => h.host === wanted));
      if (owner) throw new CommandError(`host '${wanted}' is already claimed by tenant '${owner.slug}'`);
    }

    writeTenant(dir, {
      extends: parent,
      name,
      // Merge patch merges objects key by key: without every key here the new
      // tenant would inherit, and so claim a second time, its parent's hosts.
      hosts: { primary: host, aliases: [], local: local === host ? [] : [local] },
      branding: { appName },
    });
    const problems = problemsOfTenant(root, slug);
    if (problems.length > 0) {
      rmSync(dir, { recursive: true, force: true });
      for (const p of problems) console.error(formatProblem(p));
      throw new CommandError(`the new tenant would not be valid; ${displayPath(dir)} was not created`);
    }
    console.log(`created ${displayPath(dir)} extending '${parent}', on ${host}${local === host ? '' : ` and ${local}`}`);
    return 0;
  },
};

function writeTenant(dir: string, tenantYaml: object): void {
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, 'tenant.yaml'), tenantFileText(tenantYaml));
    for (const sub of TENANT_SUBFOLDERS) {
      mkdirSync(join(dir, sub));
      writeFileSync(join(dir, sub, '.gitkeep'), '');
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
