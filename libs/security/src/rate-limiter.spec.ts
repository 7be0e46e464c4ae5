import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TenantContext } from '@app/tenancy';
import { Clock } from '@app/config';
import { RateLimiter } from './rate-limiter';

class FakeClock extends Clock {
  t = 1_000_000;
  override now(): Date {
    return new Date(this.t);
  }
}

function limiter(slug = 'jakarta') {
  const clock = new FakeClock();
  const context = { tenant: { slug } } as unknown as TenantContext;
  return { clock, context, limiter: new RateLimiter(context, clock) };
}

const LIMIT = { limit: 3, windowMs: 60_000 };

test('allows up to the limit, then refuses with the time until the window ends', () => {
  const { limiter: l, clock } = limiter();
  for (let i = 0; i < 3; i++) assert.deepEqual(l.consume('sign-in', 'ip:a', LIMIT), { allowed: true, retryAfterSeconds: 0 });
  clock.t += 20_000;
  assert.deepEqual(l.consume('sign-in', 'ip:a', LIMIT), { allowed: false, retryAfterSeconds: 40 });
  assert.equal(l.consume('sign-in', 'ip:b', LIMIT).allowed, true, 'another key has its own window');
  assert.equal(l.consume('register', 'ip:a', LIMIT).allowed, true, 'another action has its own window');
});

test('the window expires', () => {
  const { limiter: l, clock } = limiter();
  for (let i = 0; i < 3; i++) l.consume('sign-in', 'k', LIMIT);
  assert.equal(l.consume('sign-in', 'k', LIMIT).allowed, false);
  clock.t += 60_000;
  assert.equal(l.consume('sign-in', 'k', LIMIT).allowed, true);
});

test('keys are per tenant', () => {
  const clock = new FakeClock();
  const context = { tenant: { slug: 'jakarta' } };
  const l = new RateLimiter(context as unknown as TenantContext, clock);
  for (let i = 0; i < 3; i++) l.consume('sign-in', 'k', LIMIT);
  assert.equal(l.consume('sign-in', 'k', LIMIT).allowed, false);
  context.tenant = { slug: 'lampung' };
  assert.equal(l.consume('sign-in', 'k', LIMIT).allowed, true);
});

test('reset forgets a key', () => {
  const { limiter: l } = limiter();
  for (let i = 0; i < 3; i++) l.consume('sign-in', 'k', LIMIT);
  l.reset('sign-in', 'k');
  assert.equal(l.consume('sign-in', 'k', LIMIT).allowed, true);
});

test('memory is bounded: expired windows are swept, then the oldest evicted', () => {
  const { limiter: l, clock } = limiter();
  l.maxKeys = 10;
  for (let i = 0; i < 10; i++) l.consume('a', `k${i}`, LIMIT);
  assert.equal(l.size, 10);
  l.consume('a', 'new', LIMIT);
  assert.equal(l.size, 10, 'the oldest was evicted');
  clock.t += 61_000;
  l.consume('a', 'later', LIMIT);
  assert.equal(l.size, 1, 'expired windows were swept');
});
