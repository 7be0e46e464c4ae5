import { diffPatch, Json } from '@app/tenancy';
import { CliCommand, DIR_HELP } from '../command';
import { toYaml } from '../tenant-yaml';
import { loadWorkspace, requireTenant, tenantsDir } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- diff <a> <b> [--json] [--dir <path>]

Prints what <b>'s effective config changes against <a>'s, as the merge patch
that turns one into the other (null = removed), or "no differences".

Options:
  --json              print the patch as JSON ({} when there are no differences)
${DIR_HELP}`,
  options: { json: { type: 'boolean' } },
  positionals: { min: 2, max: 2 },
  run(args) {
    const workspace = loadWorkspace(tenantsDir(args));
    const [a, b] = args.positionals.map((slug) => requireTenant(workspace, slug).config as unknown as Json);
    const patch = diffPatch(a, b);
    if (args.values.json) console.log(JSON.stringify(patch ?? {}, null, 2));
    else process.stdout.write(patch === undefined ? 'no differences\n' : toYaml(patch));
    return 0;
  },
};
