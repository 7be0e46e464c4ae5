import { parseArgs, ParseArgsConfig } from 'node:util';

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** A mistake in how the CLI was called (exit code 2), as opposed to a problem in the tenants (exit code 1). */
export class UsageError extends Error {}

/** A refusal or failure while doing what was asked, reported without a stack trace (exit code 1). */
export class CommandError extends Error {}

export interface CommandArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** One sub-command: its own help text and options, loaded only when it is run. */
export interface CliCommand {
  usage: string;
  options: ParseArgsOptionsConfig;
  /** How many positionals the command takes, for a usage error instead of silently ignoring extras. */
  positionals: { min: number; max: number };
  run(args: CommandArgs): Promise<number> | number;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: ParseArgsOptionsConfig = {
  dir: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const DIR_HELP = '  --dir <path>        tenants folder (default: $TENANTS_DIR or ./tenants)';

/** Parses argv strictly: an unknown or malformed option is a usage error, never ignored. */
export function parseCommandArgs(command: CliCommand, argv: string[]): CommandArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (e) {
    // Node's message goes on to explain `--`; the first sentence is the useful part.
    throw new UsageError((e as Error).message.split('. ')[0]);
  }
  const { positionals } = parsed;
  const values = parsed.values as CommandArgs['values'];
  if (!values.help) {
    if (positionals.length < command.positionals.min) throw new UsageError('missing argument');
    if (positionals.length > command.positionals.max) throw new UsageError(`unexpected argument '${positionals[command.positionals.max]}'`);
  }
  return { positionals, values };
}

/** A string option that must be present. */
export function required(args: CommandArgs, name: string): string {
  const value = args.values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${name}`);
  return value;
}
