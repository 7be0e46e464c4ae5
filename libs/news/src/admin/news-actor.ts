import { AccountView } from '@app/accounts';
import { WebRequest } from '@app/security';
import { NewsActor } from '../workflow/news-workflow';

/** The news domain's view of the signed-in staff account, with the address the audit log records. */
export function newsActorOf(account: AccountView, req: Pick<WebRequest, 'ip'>): NewsActor {
  return { accountId: account.id, role: account.role, name: account.displayName, email: account.email, ip: req.ip ?? null };
}
