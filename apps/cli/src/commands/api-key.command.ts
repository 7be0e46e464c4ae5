import { EmbeddedDatabaseBusyError } from '@app/database';
import { Open311KeyService } from '@app/open311';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createPlatform } from '../../../platform/src/platform';
import { CliCommand, CommandError, DIR_HELP, required, UsageError } from '../command';
import { tenantsDir } from '../tenants-workspace';

const USAGE = `Usage: npm run tenant -- api-key <action> <slug> [options]

Open311 API keys of a tenant, for partners that submit service requests (POST requests.{xml,json}).

  api-key issue <slug> --name <name>   issue a key; it is printed once and never stored
  api-key list <slug>                  id, prefix, name, created, last used, revoked
  api-key revoke <slug> <id>           revoke a key at once

Connects to the database like the platform: DATABASE_URL, or the embedded one under $DATA_DIR
(./data). The embedded database can be opened by one process at a time: stop the platform first.

Options:
  --name <name>       who the key is for (issue)
${DIR_HELP}`;

export const command: CliCommand = {
  usage: USAGE,
  options: { name: { type: 'string' } },
  positionals: { min: 2, max: 3 },
  async run(args) {
    const [action, slug, id] = args.positionals;
    if (!['issue', 'list', 'revoke'].includes(action)) throw new UsageError(`unknown action '${action}'`);
    if (action === 'revoke' && !id) throw new UsageError('missing key id');
    if (action !== 'revoke' && id) throw new UsageError(`unexpected argument '${id}'`);
    const name = action === 'issue' ? required(args, 'name') : undefined;

    const platform = await open({ ...process.env, TENANTS_DIR: tenantsDir(args) });
    try {
      const tenant = platform.app.get(TenantRegistry).get(slug);
      if (!tenant) throw new CommandError(`unknown tenant '${slug}'`);
      const keys = platform.app.get(Open311KeyService);
      return await platform.app.get(TenantContext).run(tenant, async () => {
        if (action === 'issue') {
          const issued = await keys.issue(name!);
          console.log(`id:  ${issued.id}\nkey: ${issued.key}`);
          console.error('The key is shown only now: give it to the partner over a safe channel.');
          return 0;
        }
        if (action === 'revoke') {
          if (!(await keys.revoke(id))) throw new CommandError(`no live key '${id}' in ${slug}`);
          console.log(`revoked ${id}`);
          return 0;
        }
        for (const k of await keys.list()) {
          console.log(
            [
              k.id,
              `${k.prefix}…`,
              k.name,
              k.createdAt.toISOString(),
              k.lastUsedAt?.toISOString() ?? '-',
              k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active',
            ].join('  '),
          );
        }
        return 0;
      });
    } finally {
      await platform.app.close();
    }
  },
};

/** The platform's application context, without listening: the same config, database, migrations and RLS. */
async function open(env: NodeJS.ProcessEnv) {
  try {
    const platform = await createPlatform({ ...env, JOB_WORKERS: 'false' }, { logger: false }); // a command works no jobs
    await platform.app.init();
    return platform;
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError) throw new CommandError(error.message);
    throw error;
  }
}
