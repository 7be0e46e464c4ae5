import { CliCommand, CommandError, DIR_HELP } from '../command';
import { cliActor, openLifecycle } from '../tenant-lifecycle';
import { loadWorkspace, requireTenant, tenantsDir } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- resume <slug>

Puts a suspended tenant back in service on every running instance. Audited.
Needs DATABASE_URL (the schema owner).

Options:
${DIR_HELP}`,
  options: {},
  positionals: { min: 1, max: 1 },
  async run(args) {
    const tenant = requireTenant(loadWorkspace(tenantsDir(args)), args.positionals[0]);
    const lifecycle = await openLifecycle();
    try {
      if (!(await lifecycle.resume(tenant.slug, cliActor()))) throw new CommandError(`${tenant.slug} is not suspended`);
      console.log(`resumed ${tenant.slug}`);
      return 0;
    } finally {
      await lifecycle.close();
    }
  },
};
