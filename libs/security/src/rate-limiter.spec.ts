import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TenantContext } from '@app/tenancy';
import { Clock } from '@app/config';
import { MemoryRateLimitStore } from './rate-limit/memory-rate-limit.store';
import { RateLimitStore } from './rate-limit/rate-limit.store';
import { RateLimiter } from './rate-limiter';

class FakeClock extends Clock {
  t = 1_000_000;
  override now(): Date {
    return new Date(this.t);
  }
}

function limiter(store: RateLimitStore = new MemoryRateLimitStore()) {
  const clock = new FakeClock();
  const context = { tenant: { slug: 'jakarta' } };
  return { clock, context, store, limiter: new RateLimiter(context as unknown as TenantContext, clock, store) };
}

const LIMIT = { limit: 3, windowMs: 60_000 };

test('allows up to the limit, then refuses with the time until the window ends', async () => {
  const { limiter: l, clock } = limiter();
  for (let i = 0; i < 3; i++) assert.deepEqual(await l.consume('sign-in', 'ip:a', LIMIT), { allowed: true, retryAfterSeconds: 0 });
  clock.t += 20_000;
  assert.deepEqual(await l.consume('sign-in', 'ip:a', LIMIT), { allowed: false, retryAfterSeconds: 40 });
  assert.equal((await l.consume('sign-in', 'ip:b', LIMIT)).allowed, true, 'another key has its own window');
  assert.equal((await l.consume('register', 'ip:a', LIMIT)).allowed, true, 'another action has its own window');
});

test('the window expires', async () => {
  const { limiter: l, clock } = limiter();
  for (let i = 0; i < 3; i++) await l.consume('sign-in', 'k', LIMIT);
  assert.equal((await l.consume('sign-in', 'k', LIMIT)).allowed, false);
  clock.t += 60_000;
  assert.equal((await l.consume('sign-in', 'k', LIMIT)).allowed, true);
});

test('keys are per tenant', async () => {
  const { limiter: l, context } = limiter();
  for (let i = 0; i < 3; i++) await l.consume('sign-in', 'k', LIMIT);
  assert.equal((await l.consume('sign-in', 'k', LIMIT)).allowed, false);
  context.tenant = { slug: 'lampung' };
  assert.equal((await l.consume('sign-in', 'k', LIMIT)).allowed, true);
});

test('reset forgets a key', async () => {
  const { limiter: l } = limiter();
  for (let i = 0; i < 3; i++) await l.consume('sign-in', 'k', LIMIT);
  await l.reset('sign-in', 'k');
  assert.equal((await l.consume('sign-in', 'k', LIMIT)).allowed, true);
});

test('memory is bounded: expired windows are swept, then keys seen once are evicted first', async () => {
  const store = new MemoryRateLimitStore(10);
  const { limiter: l, clock } = limiter(store);
  for (let i = 0; i < 10; i++) await l.consume('a', `k${i}`, LIMIT);
  assert.equal(store.size('a'), 10);
  await l.consume('a', 'new', LIMIT);
  assert.equal(store.size('a'), 10, 'the oldest was evicted');
  clock.t += 61_000;
  await l.consume('a', 'later', LIMIT);
  assert.equal(store.size('a'), 1, 'expired windows were swept');
});

test('a flood of new keys cannot reset repeated sign-in or TOTP attempts (issue 7, defect 6)', async () => {
  const store = new MemoryRateLimitStore(1000);
  const { limiter: l } = limiter(store);
  for (let i = 0; i < 3; i++) await l.consume('sign-in', '198.51.100.7:korban@example.id', LIMIT);
  for (let i = 0; i < 2; i++) await l.consume('totp', 'account-1', LIMIT);
  // The attacker floods sign-in with fresh emails, and every other action with fresh keys.
  for (let i = 0; i < 5000; i++) await l.consume('sign-in', `198.51.100.7:flood${i}@example.id`, LIMIT);
  for (let i = 0; i < 5000; i++) await l.consume('report-submit', `ip:${i}`, LIMIT);
  assert.ok(store.size('sign-in') <= 1000 && store.size('report-submit') <= 1000, 'memory stays bounded');
  assert.equal(
    (await l.consume('sign-in', '198.51.100.7:korban@example.id', LIMIT)).allowed,
    false,
    'the sign-in counter survived the flood',
  );
  assert.equal((await l.consume('totp', 'account-1', LIMIT)).allowed, true, 'third TOTP attempt');
  assert.equal((await l.consume('totp', 'account-1', LIMIT)).allowed, false, 'the TOTP counter survived the flood');
});

test('when the shared store fails, limits keep holding in memory', async () => {
  let up = true;
  const shared = new MemoryRateLimitStore();
  const flaky: RateLimitStore = {
    name: 'redis',
    hit: (key, windowMs, now) => (up ? shared.hit(key, windowMs, now) : Promise.reject(new Error('ECONNREFUSED'))),
    reset: (key) => (up ? shared.reset(key) : Promise.reject(new Error('ECONNREFUSED'))),
  };
  const { limiter: l } = limiter(flaky);
  up = false;
  for (let i = 0; i < 3; i++) assert.equal((await l.consume('sign-in', 'k', LIMIT)).allowed, true);
  assert.equal((await l.consume('sign-in', 'k', LIMIT)).allowed, false, 'counted in memory meanwhile');
  await l.reset('sign-in', 'k');
  up = true;
  assert.equal((await l.consume('sign-in', 'k', LIMIT)).allowed, true, 'back on the shared store');
});
