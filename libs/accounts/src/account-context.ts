import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { AccountView } from './account.entity';

export const ACCOUNT_KEY = 'replika.account';

export class NotSignedInError extends Error {
  constructor() {
    super('no signed-in account in context');
  }
}

/**
 * The signed-in account of the current request (set by AuthGuard from the
 * session cookie or bearer token), for services that need the actor. Like
 * TenantContext it reads AsyncLocalStorage; `actor` fails closed.
 */
@Injectable()
export class AccountContext {
  constructor(private readonly cls: ClsService) {}

  /** The account, or undefined for an anonymous request. */
  get account(): AccountView | undefined {
    return this.cls.isActive() ? this.cls.get<AccountView | undefined>(ACCOUNT_KEY) : undefined;
  }

  /** The account; throws when nobody is signed in. */
  get actor(): AccountView {
    const account = this.account;
    if (!account) throw new NotSignedInError();
    return account;
  }

  enter(account: AccountView): void {
    this.cls.set(ACCOUNT_KEY, account);
  }
}
