import { ConfigProblem, displayPath, formatProblems, templateErrorsIn } from '@app/tenancy';
import { VIEWS_DIR } from '../../../platform/src/paths';
import { CliCommand, DIR_HELP } from '../command';
import { loadWorkspace, problemsOfFamily, tenantsDir } from '../tenants-workspace';

export const command: CliCommand = {
  usage: `Usage: npm run tenant -- validate [slug] [--dir <path>]

Checks every tenant (or <slug> and every tenant that extends it, with their
ancestors and against every other tenant's hosts) exactly as the platform
does at boot, and prints every problem, each naming the tenant it breaks, then
the file and path (\`lampung: tenants/indonesia/workflow.yaml: workflow.…\`).
An abstract base (tenants/indonesia) is checked with every province on it.
Exit code 0 when valid, 1 otherwise.

Options:
${DIR_HELP}`,
  options: {},
  positionals: { min: 0, max: 1 },
  run(args) {
    const dir = tenantsDir(args);
    const slug = args.positionals[0];
    if (slug !== undefined) {
      const { problems, tenants } = problemsOfFamily(dir, slug, true);
      return report([...baseTemplateProblems(), ...problems], tenants.length);
    }
    const workspace = loadWorkspace(dir);
    return report([...baseTemplateProblems(), ...workspace.problems], workspace.tenants.size);
  },
};

/** The platform's own templates (every tenant falls back on them) must compile too. */
function baseTemplateProblems(): ConfigProblem[] {
  return templateErrorsIn(VIEWS_DIR).map(({ file, message }) => ({
    tenant: '*',
    file: displayPath(file),
    path: '',
    message: `template does not compile: ${message}`,
  }));
}

/** Prints the problems and a one-line summary; returns the exit code. */
export function report(problems: ConfigProblem[], validCount: number): number {
  for (const line of formatProblems(problems)) console.log(line);
  if (problems.length === 0) {
    console.log(`${plural(validCount, 'tenant')} valid`);
    return 0;
  }
  const tenants = new Set(problems.map((p) => p.tenant));
  console.log(`${plural(problems.length, 'problem')} in ${plural(tenants.size, 'tenant')}`);
  return 1;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
