import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '@app/audit';
import { AccountRepository } from './account.repository';
import { AccountsError } from './accounts.errors';
import { SessionInfo, SessionService } from './session.service';

/** The admin's view of a staff member's sessions, and ending them; every ending is audited. */
@Injectable()
export class StaffSessionsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async list(staffId: string): Promise<{ email: string; displayName: string; role: string; sessions: SessionInfo[] }> {
    const account = await this.staff(staffId);
    return { email: account.email, displayName: account.displayName, role: account.role, sessions: await this.sessions.list(account.id) };
  }

  async end(staffId: string, sessionId: string, by: AuditActor): Promise<void> {
    const account = await this.staff(staffId);
    if (!(await this.sessions.endById(account.id, sessionId))) throw new AccountsError('session-not-found', 'no such session');
    await this.audit.record(by, {
      action: 'user.session.end',
      target: account.email,
      summary: `ended a session of ${account.email}`,
      changes: { session: sessionId },
    });
  }

  async endAll(staffId: string, by: AuditActor): Promise<void> {
    const account = await this.staff(staffId);
    await this.sessions.endAll(account.id);
    await this.audit.record(by, {
      action: 'user.session.end-all',
      target: account.email,
      summary: `ended every session of ${account.email}`,
    });
  }

  /** A staff account of this tenant; `not-staff` (404) for a citizen, an unknown id or another tenant's. */
  private async staff(id: string) {
    const account = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? await this.accounts.findById(id) : null;
    if (!account || account.role === 'citizen') throw new AccountsError('not-staff', 'no such staff account');
    return account;
  }
}
