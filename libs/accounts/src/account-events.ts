import { Injectable } from '@nestjs/common';

/** Called before a citizen's account is scrubbed: a domain that keeps the account's data anonymises it here. */
export type AccountDeletingListener = (accountId: string) => Promise<void>;

/**
 * The hook other libraries register on, so accounts need not know them
 * (reports anonymises a deleted citizen's reports). Listeners run in the
 * request's tenant context, one after the other; a failure stops the deletion.
 */
@Injectable()
export class AccountEvents {
  private readonly deleting: AccountDeletingListener[] = [];

  onDeleting(listener: AccountDeletingListener): void {
    this.deleting.push(listener);
  }

  async accountDeleting(accountId: string): Promise<void> {
    for (const listener of this.deleting) await listener(accountId);
  }
}
