import { AccountView } from '@app/accounts';
import { Actor } from '../workflow/actor';

/** The reports domain's view of a signed-in staff account: never more of it than the workflow needs. */
export function actorOf(account: AccountView): Actor {
  return { accountId: account.id, role: account.role, agencyCode: account.agencyCode, regionCode: account.regionCode };
}
