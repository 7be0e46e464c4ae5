import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath } from '@app/tenancy';
import { CliCommand, CommandError, DIR_HELP } from '../command';
import { generateTenantSchema } from '../tenant-schema';
import { tenantsDir } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- schema [--out <file> | --check] [--dir <path>]

Generates the JSON Schema of tenant files from the config classes. Tenant
YAML files point at it with a first line
  # yaml-language-server: $schema=../tenant.schema.json

Options:
  --out <file>        where to write it, "-" for stdout (default: <tenants folder>/tenant.schema.json)
  --check             write nothing; exit 1 if the file differs from what would be generated (for CI)
${DIR_HELP}`,
  options: { out: { type: 'string' }, check: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  run(args) {
    const text = `${JSON.stringify(generateTenantSchema(), null, 2)}\n`;
    const out = args.values.out as string | undefined;
    if (out === '-') {
      process.stdout.write(text);
      return 0;
    }
    const file = out !== undefined ? resolve(out) : join(tenantsDir(args), 'tenant.schema.json');
    if (args.values.check) {
      if (existsSync(file) && readFileSync(file, 'utf8') === text) return 0;
      throw new CommandError(`${displayPath(file)} is out of date: run \`npm run tenant -- schema\``);
    }
    writeFileSync(file, text);
    console.log(`wrote ${displayPath(file)}`);
    return 0;
  },
};
