/** One thing wrong in a tenant's configuration, located as precisely as we can. */
export interface ConfigProblem {
  tenant: string;
  /** The file the offending value came from, relative to the project (or `admin revision N`). */
  file: string;
  /** Path inside the effective config, e.g. `agencies.dinas-bmbk.categories[2]`. */
  path: string;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

export class InvalidTenantConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid tenant configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
      problems.map((p) => `  ${formatProblem(p)}`).join('\n'));
  }
}

/** Path segments to the dotted form used in messages: `a.b[2].c`. */
export function formatPath(segments: (string | number)[]): string {
  return segments.reduce<string>((acc, s) =>
    typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s, '');
}
