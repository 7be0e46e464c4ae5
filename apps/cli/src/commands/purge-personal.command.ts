import { CliCommand, DIR_HELP, UsageError } from '../command';
import { cliActor, openLifecycle } from '../tenant-lifecycle';
import { loadWorkspace, requireTenant, tenantsDir } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- purge-personal <slug> --yes

UU PDP (Law 27/2022 on personal data protection): removes the personal data
of a tenant's citizens, keeping anonymous statistics. Irreversible, hence --yes.

  - citizen accounts: e-mail, name, password, TOTP replaced or cleared, account
    disabled, sessions deleted (the row stays, so reports keep an anonymous reporter);
  - reports: the private contact (name, e-mail, phone from the form or Open311)
    cleared; e-mail addresses and phone numbers inside descriptions, addresses,
    rating comments, extra answers and timeline notes replaced by [dihapus];
    the idempotency fingerprint (which hashes the submitter) cleared;
  - kept: every report with its category, region, location, status, dates and
    timeline; photos; staff accounts; the audit log (docs/tenant-lifecycle.md).

Touches no other tenant. Audited. Needs DATABASE_URL (the schema owner).

Options:
  --yes               confirm
${DIR_HELP}`,
  options: { yes: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(args) {
    if (!args.values.yes) throw new UsageError('purge-personal is irreversible: add --yes');
    const tenant = requireTenant(loadWorkspace(tenantsDir(args)), args.positionals[0]);
    const lifecycle = await openLifecycle();
    try {
      const counts = await lifecycle.purgePersonal(tenant.slug, cliActor());
      console.log(
        `purged personal data of ${tenant.slug}: ${counts.accounts} citizen accounts anonymised, ${counts.reports} reports and ${counts.events} timeline entries cleaned`,
      );
      return 0;
    } finally {
      await lifecycle.close();
    }
  },
};
