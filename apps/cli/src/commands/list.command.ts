import { formatProblem, Tenant } from '@app/tenancy';
import { CliCommand, DIR_HELP } from '../command';
import { loadWorkspace, tenantsDir } from '../tenants-workspace';

const COLUMNS = ['SLUG', 'NAME', 'APP', 'EXTENDS', 'PRIMARY HOST', 'LOCAL HOSTS', 'SERVICES'];

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- list [--dir <path>]

One line per valid tenant: slug, name, app name, parent, primary host, local hosts, enabled services.
Problems of invalid tenants go to stderr (exit code 1); valid tenants are still listed.

Options:
${DIR_HELP}`,
  options: {},
  positionals: { min: 0, max: 0 },
  run(args) {
    const workspace = loadWorkspace(tenantsDir(args));
    const rows = [...workspace.tenants.values()].map(row);
    // The header only helps a reader; scripts piping the output get one line per tenant.
    if (process.stdout.isTTY) rows.unshift(COLUMNS);
    const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) console.log(r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
    for (const p of workspace.problems) console.error(formatProblem(p));
    return workspace.problems.length > 0 ? 1 : 0;
  },
};

function row(tenant: Tenant): string[] {
  const { config } = tenant;
  const services = Object.entries(config.services)
    .filter(([, s]) => s.enabled)
    .map(([key]) => key);
  return [
    tenant.slug,
    config.name,
    config.branding.appName,
    config.extends ?? '-',
    config.hosts.primary,
    (config.hosts.local ?? []).join(',') || '-',
    services.join(',') || '-',
  ];
}
