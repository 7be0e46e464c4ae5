import { EmbeddedDatabaseBusyError } from '@app/database';
import { StaffService } from '@app/accounts';
import { ReadinessItem, tenantReadiness } from '@app/revisions';
import { Tenant, TenantContext, TenantRegistry } from '@app/tenancy';
import { CliCommand, CommandError, DIR_HELP } from '../command';
import { loadWorkspace, problemsOfTenant, tenantsDir } from '../tenants-workspace';

const MARK: Record<ReadinessItem['level'], string> = { problem: 'MASALAH', template: 'TEMPLAT', ok: 'OK' };

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- doctor <slug> [--accounts]

Lists what is still a template in a tenant before it goes live (agencies without contacts,
default logo and colours, emergency numbers not set, no admin account, text naming another
province), each with the file to edit and the admin console page. Exit code 1 only for hard
problems (invalid config, a category without a receiver, text naming another province).

Options:
  --accounts          also count the tenant's admin accounts (opens the database like the
                      platform: DATABASE_URL, or the embedded one; stop the platform first)
${DIR_HELP}`,
  options: { accounts: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(args) {
    const slug = args.positionals[0];
    const dir = tenantsDir(args);
    const workspace = loadWorkspace(dir);
    if (!workspace.sources.folders.has(slug)) throw new CommandError(`unknown tenant '${slug}'`);
    const problems = problemsOfTenant(dir, slug);
    const tenant = workspace.tenants.get(slug);
    if (!tenant) {
      for (const p of problems) console.log(`MASALAH  ${p.file}: ${p.path}: ${p.message}`);
      console.log(`\n${slug}: configuration invalid; fix the problems above (npm run tenant -- validate ${slug}).`);
      return 1;
    }
    const admins = args.values.accounts ? await countAdmins(tenant, dir) : undefined;
    const items = tenantReadiness({ tenant, folders: workspace.sources, others: [...workspace.tenants.values()], problems, admins });
    for (const item of items) {
      console.log(`${MARK[item.level].padEnd(8)} ${item.title}`);
      if (item.level !== 'ok') for (const d of item.details) console.log(`         - ${d}`);
      if (item.level !== 'ok')
        console.log(`         ubah: ${[item.file, item.console && `konsol ${item.console}`].filter(Boolean).join(' atau ')}`);
    }
    const hard = items.filter((i) => i.level === 'problem').length;
    const templates = items.filter((i) => i.level === 'template').length;
    console.log(
      `\n${slug}: ${hard} masalah, ${templates} masih templat, ${items.length - hard - templates} siap. Lihat docs/onboarding.md.`,
    );
    return hard > 0 ? 1 : 0;
  },
};

/** Active admin accounts of the tenant, through the platform's own services (RLS, app role). */
async function countAdmins(tenant: Tenant, dir: string): Promise<number> {
  const { createPlatform } = await import('../../../platform/src/platform.js');
  let platform;
  try {
    platform = await createPlatform({ ...process.env, TENANTS_DIR: dir }, { logger: false });
    await platform.app.init();
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError) throw new CommandError(error.message);
    throw error;
  }
  try {
    const served = platform.app.get(TenantRegistry).getOrThrow(tenant.slug);
    const staff = await platform.app.get(TenantContext).run(served, () => platform.app.get(StaffService).list());
    return staff.filter((s) => s.account.role === 'admin' && !s.disabled).length;
  } finally {
    await platform.app.close();
  }
}
