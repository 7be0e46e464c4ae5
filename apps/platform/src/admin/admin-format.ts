import { AuditActor } from '@app/audit';
import { AccountView } from '@app/accounts';
import { formatW3c } from '@app/open311';
import { WebRequest } from '@app/security';

/** Who does an admin action, for the audit log: the signed-in admin and the client address. */
export function actorOf(account: AccountView, req: WebRequest): AuditActor {
  return { accountId: account.id, label: account.email, ip: req.ip ? String(req.ip) : null };
}

/** `2026-11-28 08:15` in the tenant's zone, for tables. */
export function formatTime(at: Date | null | undefined, timeZone: string): string {
  return at ? formatW3c(at, timeZone).slice(0, 16).replace('T', ' ') : '';
}

/** The `datetime` attribute of a <time> element. */
export function isoTime(at: Date | null | undefined, timeZone: string): string {
  return at ? formatW3c(at, timeZone) : '';
}
