/** One thing wrong in a tenant's configuration, located as precisely as we can. */
export interface ConfigProblem {
  tenant: string;
  /** The file the offending value came from, relative to the project (or `admin revision N`). */
  file: string;
  /** Path inside the effective config, e.g. `agencies.dinas-bmbk.categories[2]`. */
  path: string;
  message: string;
}

/** `lampung: tenants/jakarta/routing.yaml: routing.rules.x.agency: unknown agency 'y'`: the tenant it breaks, then where. */
export function formatProblem(p: ConfigProblem): string {
  return p.tenant === '*' ? whereAndWhat(p) : `${p.tenant}: ${whereAndWhat(p)}`;
}

function whereAndWhat(p: ConfigProblem): string {
  return `${p.file}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/**
 * Problems as lines, one per mistake: a mistake in a parent that breaks it
 * and its children is one line naming every tenant it breaks
 * (`indonesia, jakarta, lampung: tenants/indonesia/…`), in first-seen order.
 */
export function formatProblems(problems: readonly ConfigProblem[]): string[] {
  const lines = new Map<string, string[]>();
  for (const p of problems) {
    const what = whereAndWhat(p);
    const tenants = lines.get(what) ?? [];
    if (p.tenant !== '*' && !tenants.includes(p.tenant)) tenants.push(p.tenant);
    lines.set(what, tenants);
  }
  const named = (tenants: string[]) =>
    tenants.length > 6 ? `${tenants.slice(0, 5).join(', ')} and ${tenants.length - 5} more` : tenants.join(', ');
  return [...lines].map(([what, tenants]) => (tenants.length ? `${named(tenants)}: ${what}` : what));
}

export class InvalidTenantConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid tenant configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        formatProblems(problems)
          .map((line) => `  ${line}`)
          .join('\n'),
    );
  }
}

/** Path segments to the dotted form used in messages: `a.b[2].c`. */
export function formatPath(segments: (string | number)[]): string {
  return segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}
