import { ConfigProblem } from '@app/tenancy';

export enum TenantConfigErrorCode {
  /** The change does not validate: `problems` name every path. */
  Invalid = 'invalid',
  /** An agency still holds open reports: they must be reassigned before it is retired. */
  AgencyHasOpenReports = 'agency-has-open-reports',
  UnknownRevision = 'unknown-revision',
}

/** A refused config change; nothing was saved. */
export class TenantConfigError extends Error {
  constructor(
    readonly code: TenantConfigErrorCode,
    readonly problems: ConfigProblem[],
    readonly params: Record<string, unknown> = {},
  ) {
    super(`${code}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}
