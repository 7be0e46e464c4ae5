import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Clock } from '@app/config';
import { RateLimiter, SecuritySettings } from '@app/security';
import { securityOf, TenantContext } from '@app/tenancy';
import { Account } from '../account.entity';
import { AccountRepository } from '../account.repository';
import { AccountsError } from '../accounts.errors';
import { SecretBox } from './secret-box';
import { generateTotpSecret, matchTotp, otpauthUri } from './totp';
import { newRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE, RECOVERY_CODE_COUNT, recoveryHash } from './recovery-codes';

/** Code attempts per tenant and account (the rest of the sign-in is rate-limited already). */
export const TOTP_LIMIT = { limit: 5, windowMs: 15 * 60_000 };

export interface TotpEnrollment {
  secret: string;
  uri: string;
}

/**
 * TOTP two-factor sign-in: who needs it (admins, when the tenant's
 * `security.adminTotp` says so, and anyone who enrolled), enrollment, and
 * checking a code: rate-limited, and each time step usable once per account.
 */
@Injectable()
export class TotpService {
  private readonly box: SecretBox;

  constructor(
    private readonly accounts: AccountRepository,
    private readonly limiter: RateLimiter,
    private readonly context: TenantContext,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    settings: SecuritySettings,
  ) {
    this.box = new SecretBox(settings.SESSION_SECRET ? Buffer.from(settings.SESSION_SECRET, 'utf8') : null);
  }

  requiredFor(account: Pick<Account, 'role' | 'totpEnabledAt'>): boolean {
    if (account.totpEnabledAt) return true;
    return account.role === 'admin' && securityOf(this.context.tenant.config).adminTotp;
  }

  /** True when the account has confirmed a TOTP secret. */
  async enrolled(accountId: string): Promise<boolean> {
    return Boolean((await this.accounts.totpState(accountId))?.enabledAt);
  }

  /** The (unconfirmed) secret to show for enrollment, made on first call; null when enrolled already. */
  async enrollment(account: Pick<Account, 'id' | 'email'>): Promise<TotpEnrollment | null> {
    const state = await this.accounts.totpState(account.id);
    if (!state || state.enabledAt) return null;
    let secret = state.sealedSecret ? this.box.open(state.sealedSecret) : null;
    if (!secret) {
      secret = generateTotpSecret();
      await this.accounts.setPendingTotpSecret(account.id, this.box.seal(secret));
    }
    return { secret, uri: otpauthUri(this.context.tenant.config.branding.appName, account.email, secret) };
  }

  /**
   * Ten new single-use recovery codes, shown once: only their SHA-256 is
   * kept. Replaces any earlier set. Made when an enrollment is confirmed.
   */
  async issueRecoveryCodes(account: Pick<Account, 'id' | 'email'>, clientIp: string | null): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.accounts.setRecoveryHashes(account.id, codes.map(recoveryHash));
    await this.audit.record(
      { accountId: account.id, label: account.email, ip: clientIp },
      { action: 'totp.recovery.issue', target: account.email, summary: `${codes.length} recovery codes issued` },
    );
    return codes;
  }

  /**
   * Checks a code: the secret's code of the current step or one either side,
   * at a step later than the last one used. The first good code confirms an
   * enrollment (audited as `totp.enroll`). Throws `totp-invalid` or `rate-limited`.
   */
  async verify(account: Pick<Account, 'id' | 'email'>, code: string, clientIp: string | null): Promise<'code' | 'enrolled' | 'recovery'> {
    const limit = await this.limiter.consume('totp', account.id, TOTP_LIMIT);
    if (!limit.allowed) throw new AccountsError('rate-limited', 'too many codes', limit.retryAfterSeconds);
    const state = await this.accounts.totpState(account.id);
    if (!state?.sealedSecret) throw new AccountsError('totp-invalid', 'no TOTP secret');
    // A recovery code instead of the app's code: single use, only once enrolled.
    if (RECOVERY_CODE.test(normalizeRecoveryCode(code))) {
      if (!state.enabledAt || !(await this.accounts.consumeRecoveryHash(account.id, recoveryHash(code))))
        throw new AccountsError('totp-invalid', 'wrong or used recovery code');
      await this.limiter.reset('totp', account.id);
      await this.audit.record(
        { accountId: account.id, label: account.email, ip: clientIp },
        { action: 'totp.recovery.use', target: account.email, summary: 'signed in with a recovery code' },
      );
      return 'recovery';
    }
    const now = this.clock.now();
    const step = matchTotp(this.box.open(state.sealedSecret), code, now);
    if (step === null || !(await this.accounts.consumeTotpStep(account.id, step, now)))
      throw new AccountsError('totp-invalid', 'wrong or used code');
    await this.limiter.reset('totp', account.id);
    if (!state.enabledAt) {
      await this.audit.record(
        { accountId: account.id, label: account.email, ip: clientIp },
        { action: 'totp.enroll', target: account.email, summary: 'two-factor sign-in enrolled' },
      );
      return 'enrolled';
    }
    return 'code';
  }

  recoveryCodesLeft(accountId: string): Promise<number> {
    return this.accounts.recoveryCodesLeft(accountId);
  }
}
