import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MemoryRateLimitStore, RateLimiter } from '@app/security';
import { loadTenants, TenantContext } from '@app/tenancy';
import { Account } from './account.entity';
import { AccountRepository, DuplicateEmailError, NewAccount } from './account.repository';
import { AccountsError, AccountsErrorCode } from './accounts.errors';
import { AccountsService, INVITED_PASSWORD_HASH, SIGN_IN_LIMIT } from './accounts.service';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { TotpService } from './totp/totp.service';

/*
 * Sign-in and registration rules with the repositories in memory (a real
 * scrypt hasher and the real rate limiter on its in-memory store). Sessions
 * and RLS on the accounts table are proved on PostgreSQL in test/accounts.
 */

const jakarta = loadTenants(join(__dirname, '..', '..', '..', '..', 'tenants')).find((t) => t.slug === 'jakarta')!;
const clock = { now: () => new Date('2026-03-05T03:00:00Z') };

class FakeAccountRepository {
  readonly accounts: Account[] = [];

  findByEmail(email: string) {
    return Promise.resolve(this.accounts.find((a) => a.email === email) ?? null);
  }

  insert(account: NewAccount) {
    if (this.accounts.some((a) => a.email === account.email)) return Promise.reject(new DuplicateEmailError());
    const saved = {
      ...account,
      tenantId: 'jakarta',
      id: randomUUID(),
      disabledAt: null,
      totpEnabledAt: null,
      createdAt: clock.now(),
    } as Account;
    this.accounts.push(saved);
    return Promise.resolve(saved);
  }

  disable(id: string, at: Date) {
    const account = this.accounts.find((a) => a.id === id && !a.disabledAt);
    if (account) account.disabledAt = at;
    return Promise.resolve(Boolean(account));
  }
}

function setup() {
  const repo = new FakeAccountRepository();
  const started: { accountId: string; pending: boolean }[] = [];
  const ended: string[] = [];
  const sessions = {
    start: (accountId: string) => (started.push({ accountId, pending: false }), Promise.resolve(`token-${started.length}`)),
    startPending: (accountId: string) => (started.push({ accountId, pending: true }), Promise.resolve(`pending-${started.length}`)),
    endAll: (accountId: string) => (ended.push(accountId), Promise.resolve()),
  } as unknown as SessionService;
  const context = { tenant: jakarta, hasTenant: true } as unknown as TenantContext;
  const limiter = new RateLimiter(context, clock, new MemoryRateLimitStore());
  // An account needs its code when it enrolled in TOTP (the tenant policy for admins is TotpService's own spec).
  const totp = { requiredFor: (a: Account) => a.totpEnabledAt !== null } as unknown as TotpService;
  const service = new AccountsService(repo as unknown as AccountRepository, sessions, new PasswordHasher(), limiter, context, clock, totp);
  return { repo, service, started, ended };
}

const citizen = { email: ' Siti@Example.ID ', password: 'kata-sandi-panjang', displayName: 'Siti' };
const refused = (code: AccountsErrorCode) => (e: unknown) => e instanceof AccountsError && e.code === code;

describe('AccountsService', () => {
  test('registration normalizes the email, stores a hash (never the password), and refuses the same email twice', async () => {
    const { service, repo } = setup();
    const view = await service.registerCitizen(citizen, '10.0.0.1');
    assert.equal(view.email, 'siti@example.id');
    assert.equal(view.role, 'citizen');
    assert.match(repo.accounts[0].passwordHash, /^scrypt\$/);
    assert.ok(!repo.accounts[0].passwordHash.includes(citizen.password));
    await assert.rejects(() => service.registerCitizen({ ...citizen, email: 'SITI@example.id' }, '10.0.0.2'), refused('email-taken'));
  });

  test('a registration form gets every problem at once', async () => {
    const { service, repo } = setup();
    const error = await service.registerCitizen({ email: 'not-an-email', password: 'short', displayName: ' ' }, '10.0.0.1').then(
      () => assert.fail('accepted'),
      (e: unknown) => e as AccountsError,
    );
    assert.deepEqual([error.code, ...error.also.map((e) => e.code)].sort(), [
      'display-name-invalid',
      'email-invalid',
      'password-too-short',
    ]);
    assert.equal(repo.accounts.length, 0);
  });

  test('a wrong password and an unknown email get the same answer; the right one starts a session', async () => {
    const { service, started } = setup();
    const view = await service.registerCitizen(citizen, '10.0.0.1');
    const failure = (email: string) =>
      service.signIn(email, 'salah-sekali-ya', '10.0.0.1').then(
        () => assert.fail('signed in'),
        (e: unknown) => e as AccountsError,
      );
    const wrong = await failure('siti@example.id');
    const unknown = await failure('nobody@example.id');
    assert.deepEqual([wrong.code, wrong.message], [unknown.code, unknown.message]);
    assert.equal(wrong.code, 'invalid-credentials');
    const ok = await service.signIn(' SITI@example.id', citizen.password, '10.0.0.1');
    assert.equal(ok.account.id, view.id);
    assert.deepEqual(started, [{ accountId: view.id, pending: false }]);
  });

  test('sign-in attempts are limited per address and email; a success clears the count', async () => {
    const { service } = setup();
    await service.registerCitizen(citizen, '10.0.0.1');
    for (let i = 0; i < SIGN_IN_LIMIT.limit; i++)
      await assert.rejects(() => service.signIn('siti@example.id', 'salah-sekali-ya', '10.0.0.9'), refused('invalid-credentials'));
    await assert.rejects(
      () => service.signIn('siti@example.id', citizen.password, '10.0.0.9'),
      (e: unknown) => refused('rate-limited')(e) && (e as AccountsError).retryAfterSeconds! > 0,
    );
    // Another address is counted apart, and succeeding there resets its count.
    for (let i = 0; i < SIGN_IN_LIMIT.limit - 1; i++)
      await assert.rejects(() => service.signIn('siti@example.id', 'salah-sekali-ya', '10.0.0.8'));
    await service.signIn('siti@example.id', citizen.password, '10.0.0.8');
    for (let i = 0; i < SIGN_IN_LIMIT.limit; i++)
      await assert.rejects(() => service.signIn('siti@example.id', 'salah-sekali-ya', '10.0.0.8'), refused('invalid-credentials'));
  });

  test('an account with TOTP never gets a session from the password alone', async () => {
    const { service, repo, started } = setup();
    const view = await service.registerCitizen(citizen, '10.0.0.1');
    repo.accounts[0].totpEnabledAt = clock.now();
    await assert.rejects(() => service.signIn('siti@example.id', citizen.password, '10.0.0.1'), refused('totp-required'));
    assert.deepEqual(await service.beginSignIn('siti@example.id', citizen.password, '10.0.0.1'), { token: 'pending-1', pendingTotp: true });
    assert.deepEqual(started, [{ accountId: view.id, pending: true }]);
  });

  test('a disabled account cannot sign in and loses its sessions; an invited one has no password yet', async () => {
    const { service, ended } = setup();
    const view = await service.registerCitizen(citizen, '10.0.0.1');
    assert.equal(await service.disable(view.id), true);
    assert.deepEqual(ended, [view.id]);
    await assert.rejects(() => service.signIn('siti@example.id', citizen.password, '10.0.0.1'), refused('invalid-credentials'));
    const invited = await service.createInvited({ email: 'petugas@pemprov.example', displayName: 'Petugas', role: 'validator' });
    assert.equal(invited.role, 'validator');
    await assert.rejects(
      () => service.signIn('petugas@pemprov.example', INVITED_PASSWORD_HASH, '10.0.0.1'),
      refused('invalid-credentials'),
    );
  });

  test("staff scope: an officer needs one of the tenant's agencies; regions must exist", async () => {
    const { service } = setup();
    const staff = { email: 'o@pemprov.example', password: 'kata-sandi-panjang', displayName: 'Petugas' };
    await assert.rejects(() => service.createStaff({ ...staff, role: 'officer' }), refused('agency-required'));
    await assert.rejects(
      () => service.createStaff({ ...staff, role: 'officer', agencyCode: 'dinas-bmbk' }),
      refused('unknown-agency'),
      "Lampung's agency is not Jakarta's",
    );
    await assert.rejects(
      () => service.createStaff({ ...staff, role: 'officer', agencyCode: 'dinas-bina-marga', regionCode: '18.71' }),
      refused('unknown-region'),
    );
    const officer = await service.createStaff({ ...staff, role: 'officer', agencyCode: 'dinas-bina-marga', regionCode: '31.74' });
    assert.deepEqual([officer.role, officer.agencyCode, officer.regionCode], ['officer', 'dinas-bina-marga', '31.74']);
  });
});
