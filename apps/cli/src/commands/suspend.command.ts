import { CliCommand, CommandError, DIR_HELP } from '../command';
import { cliActor, openLifecycle } from '../tenant-lifecycle';
import { loadWorkspace, requireTenant, tenantsDir } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- suspend <slug> [--reason <text>]

Takes a tenant out of service on every running instance at once: each of its
hosts answers 503 with its maintenance page (JSON on /api and /open311), so
nothing of it is read or written, through any route; its background jobs do
not run. Other tenants are untouched. Stored in the database (every instance
listens for the change); audited in the tenant's audit log. Undo: resume.

Needs DATABASE_URL (the schema owner).

Options:
  --reason <text>     why, for the audit log
${DIR_HELP}`,
  options: { reason: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(args) {
    const tenant = requireTenant(loadWorkspace(tenantsDir(args)), args.positionals[0]);
    const lifecycle = await openLifecycle();
    try {
      const done = await lifecycle.suspend(tenant.slug, String(args.values.reason ?? ''), cliActor());
      if (!done) throw new CommandError(`${tenant.slug} is already suspended`);
      console.log(`suspended ${tenant.slug}: its hosts answer 503 (maintenance) on every instance`);
      return 0;
    } finally {
      await lifecycle.close();
    }
  },
};
