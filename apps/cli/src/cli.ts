import { CliCommand, parseCommandArgs, UsageError } from './command';

/** Commands are loaded on demand, so that e.g. `validate` does not need the schema generator's dev dependency. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: CliCommand }> }> = {
  list: { summary: 'one line per tenant: name, app, parent, hosts, services', load: () => import('./commands/list.command.js') },
  validate: { summary: 'check every tenant (or one) as the platform does at boot', load: () => import('./commands/validate.command.js') },
  create: {
    summary: 'a new province: the app of a tenant, the place from the reference data (--province)',
    load: () => import('./commands/create.command.js'),
  },
  doctor: {
    summary: 'what a tenant still has as a template before going live, and where to fix it',
    load: () => import('./commands/doctor.command.js'),
  },
  diff: { summary: "what b's effective config changes against a's, as a merge patch", load: () => import('./commands/diff.command.js') },
  export: {
    summary: 'the effective, merged config of a tenant (stdout or a standalone folder)',
    load: () => import('./commands/export.command.js'),
  },
  schema: {
    summary: 'generate the JSON Schema that editors check tenant files against',
    load: () => import('./commands/schema.command.js'),
  },
  suspend: {
    summary: 'take a tenant out of service on every instance (maintenance page, no writes; needs DATABASE_URL)',
    load: () => import('./commands/suspend.command.js'),
  },
  resume: { summary: 'put a suspended tenant back in service', load: () => import('./commands/resume.command.js') },
  'export-data': {
    summary: "one archive of a tenant's config, revisions, rows and files",
    load: () => import('./commands/export-data.command.js'),
  },
  'import-data': {
    summary: 'load an export-data archive into a deployment where the tenant has no data',
    load: () => import('./commands/import-data.command.js'),
  },
  'purge-personal': {
    summary: "remove citizens' personal data (UU PDP), keeping anonymous statistics",
    load: () => import('./commands/purge-personal.command.js'),
  },
  'api-key': {
    summary: "issue, list or revoke a tenant's Open311 API keys (needs the database)",
    load: () => import('./commands/api-key.command.js'),
  },
};

export const USAGE = `Usage: npm run tenant -- <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`)
  .join('\n')}

Every command accepts --dir <path> (default: $TENANTS_DIR or ./tenants) and --help.`;

/** Runs one command and returns the exit code: 0 ok, 1 problems or refusal, 2 usage error. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return usageError('missing command', USAGE);
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) return usageError(`unknown command '${name}'`, USAGE);
  const { command } = await entry.load();
  try {
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      console.log(command.usage);
      return 0;
    }
    return await command.run(args);
  } catch (e) {
    if (e instanceof UsageError) return usageError(e.message, command.usage);
    // Every failure is one message naming what is wrong (a file, a variable, the locked database), never stack frames:
    // invalid environment or tenant config, the embedded database in use, a database that cannot be reached.
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

function usageError(message: string, usage: string): number {
  console.error(`error: ${message}\n\n${usage}`);
  return 2;
}
