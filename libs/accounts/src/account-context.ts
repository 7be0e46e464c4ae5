import { Injectable } from '@nestjs/common';
import { RequestContext } from '@app/tenancy';
import { AccountView } from './account.entity';

const ACCOUNT = Symbol('replika.account');
const USER_AGENT = Symbol('replika.user-agent');

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
  constructor(private readonly context: RequestContext) {}

  /** The account, or undefined for an anonymous request. */
  get account(): AccountView | undefined {
    return this.context.get<AccountView>(ACCOUNT);
  }

  /** The account; throws when nobody is signed in. */
  get actor(): AccountView {
    const account = this.account;
    if (!account) throw new NotSignedInError();
    return account;
  }

  enter(account: AccountView): void {
    this.context.set(ACCOUNT, account);
  }

  /** The request's User-Agent, kept for a session started by this request (its device label). */
  enterUserAgent(userAgent: string | undefined): void {
    if (userAgent) this.context.set(USER_AGENT, userAgent);
  }

  get userAgent(): string | undefined {
    return this.context.isActive() ? this.context.get<string>(USER_AGENT) : undefined;
  }
}
