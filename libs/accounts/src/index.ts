import { Accounts1764400000000 } from './migrations/1764400000000-accounts';

export * from './account.entity';
export * from './account-context';
export * from './account.repository';
export * from './accounts.errors';
export * from './accounts.module';
export * from './accounts.service';
export * from './authenticated.decorator';
export * from './password-hasher';
export * from './safe-next';
export * from './session.entity';
export * from './session.repository';
export * from './session.service';
export * from './sign-in-redirect.filter';

export const ACCOUNTS_MIGRATIONS = [Accounts1764400000000];
