import { AuditActor } from '@app/audit';
import { AccountView } from '@app/accounts';
import { WebRequest } from '@app/security';
import { Locale } from '@app/tenancy';
import { formatDateTime, formatIsoInZone } from '@app/config';

/** Who does an admin action, for the audit log: the signed-in admin and the client address. */
export function actorOf(account: AccountView, req: WebRequest): AuditActor {
  return { accountId: account.id, label: account.email, ip: req.ip ? String(req.ip) : null };
}

/** The console's one date and time format (the reader's language, the tenant's zone). */
export function formatTime(at: Date | null | undefined, timeZone: string, locale: Locale): string {
  return formatDateTime(at, locale, timeZone);
}

/** The `datetime` attribute of a <time> element. */
export function isoTime(at: Date | null | undefined, timeZone: string): string {
  return at ? formatIsoInZone(at, timeZone) : '';
}
