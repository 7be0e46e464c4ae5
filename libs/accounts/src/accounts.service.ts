import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { RateLimiter } from '@app/security';
import { TenantContext } from '@app/tenancy';
import { Account, AccountView, StaffRole, toAccountView } from './account.entity';
import { AccountRepository, DuplicateEmailError } from './account.repository';
import { AccountsError } from './accounts.errors';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { TotpService } from './totp/totp.service';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** Per tenant, client IP and email. */
export const SIGN_IN_LIMIT = { limit: 5, windowMs: 15 * 60_000 };
/** Per tenant and client IP. */
export const REGISTER_LIMIT = { limit: 10, windowMs: 60 * 60_000 };

export const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

export interface CitizenRegistration {
  email: string;
  password: string;
  displayName: string;
}

export interface StaffAccount extends CitizenRegistration {
  role: StaffRole;
  /** Required for officers: the agency (tenant config `agencies`) whose reports they follow up. */
  agencyCode?: string;
  regionCode?: string;
}

export interface SignedIn {
  token: string;
  account: AccountView;
}

/** After the password: a full session, or one that waits for the TOTP code at /masuk/kode. */
export interface PasswordAccepted {
  token: string;
  pendingTotp: boolean;
}

/** Accounts of the current tenant: citizens register themselves; staff are created by admins (or the seed). */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly context: TenantContext,
    private readonly clock: Clock,
    private readonly totp: TotpService,
  ) {}

  async registerCitizen(input: CitizenRegistration, clientIp: string): Promise<AccountView> {
    const limit = await this.limiter.consume('register', clientIp, REGISTER_LIMIT);
    if (!limit.allowed) throw new AccountsError('rate-limited', 'too many registrations from this address', limit.retryAfterSeconds);
    return this.create(input, 'citizen', null, null);
  }

  async createStaff(input: StaffAccount): Promise<AccountView> {
    const { agencyCode, regionCode } = this.checkScope(input.role, input.agencyCode, input.regionCode);
    return this.create(input, input.role, agencyCode, regionCode);
  }

  /**
   * A staff account without a password yet, for an invitation: it cannot sign
   * in until the invitation link sets one (StaffService).
   */
  async createInvited(input: Omit<StaffAccount, 'password'>): Promise<AccountView> {
    const { agencyCode, regionCode } = this.checkScope(input.role, input.agencyCode, input.regionCode);
    return this.create({ ...input, password: null }, input.role, agencyCode, regionCode);
  }

  /** A staff scope checked against the tenant's config: an officer needs an agency; agency and region must exist. */
  checkScope(
    role: string,
    agency: string | null | undefined,
    region: string | null | undefined,
  ): { agencyCode: string | null; regionCode: string | null } {
    const { agencies, regions } = this.context.tenant.config;
    const agencyCode = agency?.trim() || null;
    const regionCode = region?.trim() || null;
    if (role === 'officer' && !agencyCode) throw new AccountsError('agency-required', 'an officer needs an agency');
    if (agencyCode && !Object.hasOwn(agencies, agencyCode)) {
      throw new AccountsError('unknown-agency', `unknown agency '${agencyCode}' in tenant '${this.context.tenant.slug}'`);
    }
    if (regionCode && !Object.hasOwn(regions, regionCode)) {
      throw new AccountsError('unknown-region', `unknown region '${regionCode}' in tenant '${this.context.tenant.slug}'`);
    }
    return { agencyCode, regionCode };
  }

  /** Checks the password without the rate limit or a session: for code that re-confirms a password. */
  async authenticate(email: string, password: string): Promise<AccountView | null> {
    const account = await this.verifyPassword(email, password);
    return account ? toAccountView(account) : null;
  }

  /**
   * Signs in with a password alone (the mobile apps' API), rate-limited per
   * tenant, client IP and email; the same error for an unknown email and a
   * wrong password. An account that needs TOTP is refused: it signs in
   * through the pages (beginSignIn, then /masuk/kode).
   */
  async signIn(email: string, password: string, clientIp: string): Promise<SignedIn> {
    const account = await this.checkPassword(email, password, clientIp);
    if (this.totp.requiredFor(account)) throw new AccountsError('totp-required', 'this account signs in with a TOTP code, on the web');
    return { token: await this.sessions.start(account.id), account: toAccountView(account) };
  }

  /**
   * The sign-in page's first step: the password. An account that needs TOTP
   * gets a pending session (no access to anything) until /masuk/kode.
   */
  async beginSignIn(email: string, password: string, clientIp: string): Promise<PasswordAccepted> {
    const account = await this.checkPassword(email, password, clientIp);
    if (this.totp.requiredFor(account)) return { token: await this.sessions.startPending(account.id), pendingTotp: true };
    return { token: await this.sessions.start(account.id), pendingTotp: false };
  }

  private async checkPassword(email: string, password: string, clientIp: string): Promise<Account> {
    const key = `${clientIp}:${normalizeEmail(email)}`;
    const limit = await this.limiter.consume('sign-in', key, SIGN_IN_LIMIT);
    if (!limit.allowed) throw new AccountsError('rate-limited', 'too many sign-in attempts', limit.retryAfterSeconds);
    const account = await this.verifyPassword(email, password);
    if (!account) throw new AccountsError('invalid-credentials', 'wrong email or password');
    await this.limiter.reset('sign-in', key);
    return account;
  }

  private async verifyPassword(email: string, password: string): Promise<Account | null> {
    const account = await this.accounts.findByEmail(normalizeEmail(email));
    if (!account || account.disabledAt) {
      await this.hasher.verifyNothing(password);
      return null;
    }
    return (await this.hasher.verify(password, account.passwordHash)) ? account : null;
  }

  /** After registration: the new account is signed in. */
  async startSession(account: AccountView): Promise<SignedIn> {
    return { token: await this.sessions.start(account.id), account };
  }

  signOut(token: string | undefined): Promise<void> {
    return this.sessions.end(token);
  }

  /** Disables the account and ends all its sessions. */
  async disable(accountId: string): Promise<boolean> {
    const done = await this.accounts.disable(accountId, this.clock.now());
    if (done) await this.sessions.endAll(accountId);
    return done;
  }

  /** An enabled account of the tenant by id (for addressing it: notifications), or null. */
  async findById(id: string): Promise<AccountView | null> {
    const account = await this.accounts.findById(id);
    return account && !account.disabledAt ? toAccountView(account) : null;
  }

  async findByEmail(email: string): Promise<AccountView | null> {
    const account = await this.accounts.findByEmail(normalizeEmail(email));
    return account ? toAccountView(account) : null;
  }

  /** `password: null`: an invited account, whose stored hash verifies no password until the invitation sets one. */
  private async create(
    input: Omit<CitizenRegistration, 'password'> & { password: string | null },
    role: AccountView['role'],
    agencyCode: string | null,
    regionCode: string | null,
  ): Promise<AccountView> {
    const email = normalizeEmail(input.email);
    const displayName = String(input.displayName ?? '').trim();
    // Every problem at once, so a form is fixed in one pass; the first is thrown, carrying the others.
    const problems: AccountsError[] = [];
    if (displayName.length < 1 || displayName.length > 100)
      problems.push(new AccountsError('display-name-invalid', 'a display name of 1 to 100 characters is needed'));
    const emailValid = EMAIL.test(email) && email.length <= 254;
    if (!emailValid) problems.push(new AccountsError('email-invalid', 'not an email address'));
    // Checked before hashing to spare the hash; the unique index still settles a concurrent duplicate.
    else if (await this.accounts.findByEmail(email))
      problems.push(new AccountsError('email-taken', `an account with ${email} exists already`));
    if (input.password !== null) {
      try {
        checkPassword(String(input.password ?? ''));
      } catch (e) {
        if (!(e instanceof AccountsError)) throw e;
        problems.push(e);
      }
    }
    if (problems.length) {
      problems[0].also = problems.slice(1);
      throw problems[0];
    }
    const passwordHash = input.password === null ? INVITED_PASSWORD_HASH : await this.hasher.hash(String(input.password));
    try {
      return toAccountView(await this.accounts.insert({ email, passwordHash, displayName, role, agencyCode, regionCode }));
    } catch (e) {
      if (e instanceof DuplicateEmailError) throw new AccountsError('email-taken', `an account with ${email} exists already`);
      throw e;
    }
  }
}

/** Stored for an invited account until its invitation sets a password: not a scrypt hash, so no password verifies. */
export const INVITED_PASSWORD_HASH = '!invited';

export function checkPassword(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    throw new AccountsError('password-too-short', `a password needs at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH)
    throw new AccountsError('password-too-long', `a password may have at most ${PASSWORD_MAX_LENGTH} characters`);
}

export function normalizeEmail(email: string): string {
  return String(email ?? '')
    .trim()
    .toLowerCase();
}
