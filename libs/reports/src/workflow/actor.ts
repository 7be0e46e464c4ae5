import { Role } from '@app/tenancy';

/** Who acts on a report, as the reports domain needs to know: never more of the account than this. */
export interface Actor {
  accountId: string;
  role: Role;
  /** Officers act for one agency (and the branches under it). */
  agencyCode?: string | null;
  /** Optionally narrowed to one region (a kota, a kecamatan). */
  regionCode?: string | null;
}
