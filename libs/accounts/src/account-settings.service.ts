import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { AccountView } from './account.entity';
import { AccountEvents } from './account-events';
import { AccountRepository } from './account.repository';
import { AccountsError } from './accounts.errors';
import { checkPassword } from './accounts.service';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';

/** What a signed-in person changes about their own account: name, password, deletion. */
@Injectable()
export class AccountSettingsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly events: AccountEvents,
    private readonly clock: Clock,
  ) {}

  async updateProfile(account: AccountView, rawName: string): Promise<void> {
    const displayName = rawName.trim();
    if (displayName.length < 1 || displayName.length > 100)
      throw new AccountsError('display-name-invalid', 'a display name of 1 to 100 characters is needed');
    await this.accounts.updateProfile(account.id, displayName);
  }

  /** Needs the current password; the new one ends every other session (a thief signed in elsewhere is out). */
  async changePassword(account: AccountView, current: string, next: string, currentToken: string | undefined): Promise<void> {
    const problems: AccountsError[] = [];
    if (!(await this.verify(account.id, current))) problems.push(new AccountsError('password-wrong', 'the current password is wrong'));
    try {
      checkPassword(next);
    } catch (e) {
      if (!(e instanceof AccountsError)) throw e;
      problems.push(e);
    }
    if (problems.length) {
      problems[0].also = problems.slice(1);
      throw problems[0];
    }
    await this.accounts.setPasswordHash(account.id, await this.hasher.hash(next));
    await this.sessions.endOthers(account.id, currentToken);
  }

  /**
   * Deletes a citizen's account after the password and an explicit
   * confirmation: the listeners anonymise what refers to it (reports stay,
   * without their reporter), then its personal data is scrubbed and every
   * session ends. Staff accounts are the admin's to disable, not deleted here.
   */
  async delete(account: AccountView, password: string, confirmed: boolean): Promise<void> {
    if (account.role !== 'citizen') throw new AccountsError('not-staff', 'staff accounts are disabled by an admin, not deleted');
    const problems: AccountsError[] = [];
    if (!(await this.verify(account.id, password))) problems.push(new AccountsError('password-wrong', 'the current password is wrong'));
    if (!confirmed) problems.push(new AccountsError('confirmation-required', 'the deletion was not confirmed'));
    if (problems.length) {
      problems[0].also = problems.slice(1);
      throw problems[0];
    }
    await this.events.accountDeleting(account.id);
    await this.accounts.scrub(account.id, this.clock.now());
  }

  private async verify(id: string, password: string): Promise<boolean> {
    const stored = await this.accounts.findById(id);
    if (!stored || stored.disabledAt) return false;
    return this.hasher.verify(password, stored.passwordHash);
  }
}
