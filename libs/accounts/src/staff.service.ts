import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditActor, AuditService } from '@app/audit';
import { Clock } from '@app/config';
import { Mailer } from '@app/mail';
import { Locale, ROLES } from '@app/tenancy';
import { AccountView, toAccountView } from './account.entity';
import { AccountRepository } from './account.repository';
import { AccountsError } from './accounts.errors';
import { AccountsService, checkPassword, StaffAccount } from './accounts.service';
import { PasswordHasher } from './password-hasher';
import { hashToken, SessionService } from './session.service';

export const INVITATION_TTL_MS = 72 * 3600_000;

/** Roles an admin may invite: every staff role of the workflow except admin (officer, validator, and editor/reviewer where they exist). */
export function invitableRoles(): string[] {
  return (ROLES as readonly string[]).filter((r) => r !== 'citizen' && r !== 'admin');
}

export interface StaffMember {
  account: AccountView;
  disabled: boolean;
  totpEnabled: boolean;
  invitationExpiresAt: Date | null;
}

export interface Invitation {
  account: AccountView;
  /** The one-time token of the link /undangan/<token>: shown to the admin once, only its hash is stored. */
  token: string;
  expiresAt: Date;
}

export interface InvitationInput {
  email: string;
  displayName: string;
  role: string;
  agencyCode?: string | null;
  regionCode?: string | null;
}

/**
 * The admin's management of staff accounts in the current tenant: invite,
 * change scope, disable. Every change is recorded in the audit log, here,
 * so no route can act unrecorded.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly accountsService: AccountsService,
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
  ) {}

  async list(): Promise<StaffMember[]> {
    return (await this.accounts.listStaff()).map(({ account, invitationExpiresAt }) => ({
      account: toAccountView(account),
      disabled: account.disabledAt !== null,
      totpEnabled: account.totpEnabledAt !== null,
      invitationExpiresAt,
    }));
  }

  /**
   * Creates the invited account and e-mails the one-time link
   * (`mail.linkOf(token)`, on the tenant's own host) in the admin's language.
   */
  async invite(
    input: InvitationInput,
    by: AuditActor,
    mail?: { linkOf: (token: string) => string; locale: Locale; roleName: string; timeText: (at: Date) => string },
  ): Promise<Invitation> {
    if (!invitableRoles().includes(input.role)) throw new AccountsError('role-invalid', `role '${input.role}' cannot be invited`);
    const account = await this.accountsService.createInvited({
      email: input.email,
      displayName: input.displayName,
      role: input.role as StaffAccount['role'],
      agencyCode: input.agencyCode ?? undefined,
      regionCode: input.regionCode ?? undefined,
    });
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    await this.accounts.insertInvitation(hashToken(token), account.id, now, expiresAt);
    await this.audit.record(by, {
      action: 'user.invite',
      target: account.email,
      summary: `invited ${account.email} as ${account.role}`,
      changes: { role: account.role, agencyCode: account.agencyCode, regionCode: account.regionCode, expiresAt: expiresAt.toISOString() },
    });
    if (mail) {
      await this.mailer.send({
        to: account.email,
        template: 'staff-invitation',
        locale: mail.locale,
        model: { name: account.displayName, link: mail.linkOf(token), roleName: mail.roleName, expires: mail.timeText(expiresAt) },
      });
    }
    return { account, token, expiresAt };
  }

  /** The invited account of a live invitation link, or null. */
  async invitation(token: string): Promise<AccountView | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const account = await this.accounts.findInvitation(hashToken(token), this.clock.now());
    return account ? toAccountView(account) : null;
  }

  /** Sets the invited account's password and uses up the link. */
  async accept(token: string, password: string): Promise<AccountView> {
    checkPassword(password);
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new AccountsError('invitation-invalid', 'no such invitation');
    const account = await this.accounts.acceptInvitation(hashToken(token), this.clock.now(), await this.hasher.hash(password));
    if (!account) throw new AccountsError('invitation-invalid', 'the invitation is used, expired or unknown');
    await this.audit.record(
      { accountId: account.id, label: account.email },
      { action: 'user.invitation.accept', target: account.email, summary: `${account.email} set a password` },
    );
    return toAccountView(account);
  }

  async changeScope(
    id: string,
    agency: string | null | undefined,
    region: string | null | undefined,
    by: AuditActor,
  ): Promise<AccountView> {
    const before = await this.staff(id);
    const { agencyCode, regionCode } = this.accountsService.checkScope(before.role, agency, region);
    await this.accounts.updateScope(id, agencyCode, regionCode);
    await this.audit.record(by, {
      action: 'user.scope',
      target: before.email,
      summary: `scope of ${before.email} changed`,
      changes: { before: { agencyCode: before.agencyCode, regionCode: before.regionCode }, after: { agencyCode, regionCode } },
    });
    return { ...toAccountView(before), agencyCode, regionCode };
  }

  /** Disables a staff account and ends all its sessions. An admin cannot disable themself. */
  async disable(id: string, by: AuditActor): Promise<void> {
    const account = await this.staff(id);
    if (account.id === by.accountId) throw new AccountsError('not-staff', 'an admin cannot disable their own account');
    if (account.disabledAt) return;
    await this.accounts.disable(id, this.clock.now());
    await this.sessions.endAll(id);
    await this.audit.record(by, {
      action: 'user.disable',
      target: account.email,
      summary: `disabled ${account.email}; sessions ended`,
      changes: { role: account.role },
    });
  }

  /** A staff account of this tenant; `not-staff` (404) for a citizen, an unknown id or another tenant's. */
  private async staff(id: string) {
    const account = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? await this.accounts.findById(id) : null;
    if (!account || account.role === 'citizen') throw new AccountsError('not-staff', 'no such staff account');
    return account;
  }
}
