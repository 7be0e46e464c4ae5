import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock } from '@app/config';
import { Mailer } from '@app/mail';
import { RateLimiter } from '@app/security';
import { Locale } from '@app/tenancy';
import { AccountView, toAccountView } from './account.entity';
import { AccountsError } from './accounts.errors';
import { checkPassword, normalizeEmail } from './accounts.service';
import { AccountRepository } from './account.repository';
import { PasswordHasher } from './password-hasher';
import { PasswordResetRepository } from './password-reset.repository';
import { hashToken } from './session.service';

export const RESET_TTL_MS = 60 * 60_000;
/** Per tenant and client address: what one network may ask for. */
export const RESET_REQUEST_LIMIT_ADDRESS = { limit: 10, windowMs: 60 * 60_000 };
/** Per tenant and e-mail address, existing or not (so the limit says nothing about existence): no inbox is flooded. */
export const RESET_REQUEST_LIMIT_EMAIL = { limit: 3, windowMs: 60 * 60_000 };
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Password reset by e-mail, for citizens and staff alike: a single-use link,
 * valid one hour, only its sha256 stored. The request answers the same
 * whether or not the address has an account (the mail goes out from a job
 * either way or not at all, so timing says nothing either). Setting the new
 * password ends every session of the account.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly resets: PasswordResetRepository,
    private readonly accounts: AccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  /** `linkOf(token)` is the absolute URL of the reset page for that token, on the tenant's own host. */
  async request(email: string, clientIp: string, locale: Locale, linkOf: (token: string) => string): Promise<void> {
    const address = normalizeEmail(email);
    for (const [key, limit] of [
      [clientIp, RESET_REQUEST_LIMIT_ADDRESS],
      [address, RESET_REQUEST_LIMIT_EMAIL],
    ] as const) {
      const verdict = await this.limiter.consume('password-reset', key, limit);
      if (!verdict.allowed) throw new AccountsError('rate-limited', 'too many password reset requests', verdict.retryAfterSeconds);
    }
    const account = address ? await this.accounts.findByEmail(address) : null;
    if (!account || account.disabledAt || account.deletedAt) return;
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.resets.insert(hashToken(token), account.id, now, new Date(now.getTime() + RESET_TTL_MS));
    await this.mailer.send({
      to: account.email,
      template: 'password-reset',
      locale,
      model: { name: account.displayName, link: linkOf(token), minutes: RESET_TTL_MS / 60_000 },
    });
  }

  /** The account of a live link, or null (used, expired, unknown, another tenant's). */
  async check(token: string): Promise<AccountView | null> {
    if (!TOKEN.test(token)) return null;
    const account = await this.resets.findLive(hashToken(token), this.clock.now());
    return account ? toAccountView(account) : null;
  }

  async reset(token: string, password: string): Promise<AccountView> {
    checkPassword(password);
    if (!TOKEN.test(token)) throw new AccountsError('reset-invalid', 'no such reset link');
    const account = await this.resets.consume(hashToken(token), this.clock.now(), await this.hasher.hash(password));
    if (!account) throw new AccountsError('reset-invalid', 'the reset link is used, expired or unknown');
    return toAccountView(account);
  }
}
