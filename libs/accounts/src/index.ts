import { Accounts1764400000000 } from './migrations/1764400000000-accounts';
import { ConsoleSecurity1764800000000 } from './migrations/1764800000000-console-security';
import { TotpRecoveryCodes1765040000000 } from './migrations/1765040000000-totp-recovery-codes';
import { PasswordResetsAndSessions1765100000031 } from './migrations/1765100000031-password-resets-and-sessions';

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
export * from './invitation.entity';
export * from './account-events';
export * from './password-reset.service';
export * from './staff-sessions.service';
export * from './staff.service';
export * from './totp/totp';
export * from './totp/totp.service';
export { fieldErrors, toFormError, withStatus } from './accounts.page.mapper';

export const ACCOUNTS_MIGRATIONS = [
  Accounts1764400000000,
  ConsoleSecurity1764800000000,
  TotpRecoveryCodes1765040000000,
  PasswordResetsAndSessions1765100000031,
];
