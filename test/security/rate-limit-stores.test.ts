import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PostgresRateLimitStore, RATE_LIMIT_STORE, RateLimitStore, RedisRateLimitStore } from '@app/security';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';
import { redisAvailable, RunningRedis, startRedis } from '../support/redis';

const HOSTS = ['jakarta.localhost', 'lampung.localhost'];
/** Outside CI a machine without redis-server skips the Redis half; CI installs it (.ci/run). */
const skipRedis = !redisAvailable() && !process.env.CI ? 'redis-server is not installed (apt-get install redis-server)' : false;

function signIn(platform: RunningPlatform, host: string, email: string, headers: Record<string, string> = {}) {
  return request(platform.url, '/api/sessions', {
    host,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password: 'salah-sandi-sekali' }),
  });
}

/** Two instances on one store: five wrong passwords on one, the sixth on the other is refused, whatever headers it sends; per tenant. */
async function limitsHoldAcrossInstances(a: RunningPlatform, b: RunningPlatform, email: string): Promise<void> {
  for (const host of HOSTS) {
    for (let i = 0; i < 5; i++) assert.equal((await signIn(i % 2 ? b : a, host, email)).status, 401, `${host} attempt ${i + 1}`);
    const sixth = await signIn(b, host, email, { 'user-agent': `fresh-agent-${Math.random()}`, 'x-forwarded-for': '198.51.100.99' });
    assert.equal(sixth.status, 429, `${host}: the other instance knows the five attempts`);
    assert.ok(Number(sixth.headers['retry-after']) > 0);
    assert.equal((await signIn(a, host, email, { 'user-agent': 'another' })).status, 429, `${host}: no header resets the limit`);
  }
}

/** The store's own contract: counts, atomic under concurrency, windows end, reset, tenants apart. */
async function storeContract(platform: RunningPlatform, store: RateLimitStore): Promise<void> {
  const context = platform.app.get(TenantContext);
  const registry = platform.app.get(TenantRegistry);
  const as = <T>(slug: string, fn: () => Promise<T>) => context.run(registry.getOrThrow(slug), fn);
  const key = (k: string) => ({ tenant: 'jakarta', action: 'contract', key: k });
  const now = Date.now();
  await as('jakarta', async () => {
    const counts = await Promise.all(Array.from({ length: 40 }, () => store.hit(key('burst'), 60_000, now)));
    assert.deepEqual(
      counts.map((c) => c.count).sort((x, y) => x - y),
      Array.from({ length: 40 }, (_, i) => i + 1),
      'every concurrent hit counted once',
    );
    assert.ok(
      counts.every((c) => c.resetAt >= now + 59_000 && c.resetAt <= now + 61_000),
      'one window for all',
    );
    await store.reset(key('burst'));
    assert.equal((await store.hit(key('burst'), 60_000, now)).count, 1, 'reset');
  });
  await as('lampung', async () =>
    assert.equal((await store.hit({ ...key('burst'), tenant: 'lampung' }, 60_000, now)).count, 1, 'tenants count apart'),
  );
  await as('jakarta', async () => {
    assert.equal((await store.hit(key('short'), 300, Date.now())).count, 1);
    assert.equal((await store.hit(key('short'), 300, Date.now())).count, 2);
    await new Promise((r) => setTimeout(r, 450));
    assert.equal((await store.hit(key('short'), 300, Date.now())).count, 1, 'a new window after the old one ended');
  });
}

describe('rate limits in PostgreSQL, shared by instances (issue 7, defect 6)', () => {
  let db: TestDatabase;
  let a: RunningPlatform;
  let b: RunningPlatform;

  before(async () => {
    db = await createTestDatabase();
    a = await startPlatform({ DATABASE_URL: db.url });
    b = await startPlatform({ DATABASE_URL: db.url, MIGRATE_ON_BOOT: 'false' });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  test('the store is PostgreSQL, an UNLOGGED tenant table under forced RLS', async () => {
    assert.ok(a.app.get(RATE_LIMIT_STORE) instanceof PostgresRateLimitStore);
    const table = await asOwner(db.url, (c) =>
      c.query(`SELECT relpersistence, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'rate_limit_windows'`),
    );
    assert.deepEqual(table.rows[0], { relpersistence: 'u', relrowsecurity: true, relforcerowsecurity: true });
  });

  test('sign-in limits hold across instances and headers, on both tenants', async () => {
    await limitsHoldAcrossInstances(a, b, 'pg-korban@example.id');
    const rows = await asOwner(db.url, (c) =>
      c.query<{ tenant_id: string; count: number }>(
        `SELECT tenant_id, count FROM rate_limit_windows WHERE action = 'sign-in' ORDER BY tenant_id`,
      ),
    );
    assert.deepEqual(
      rows.rows.map((r) => r.tenant_id),
      ['jakarta', 'lampung'],
    );
    assert.ok(rows.rows.every((r) => r.count >= 6));
  });

  test('store contract on the real server', async () => {
    await storeContract(a, a.app.get(RATE_LIMIT_STORE));
  });
});

describe('rate limits in Redis, shared by instances (issue 7, defect 6)', { skip: skipRedis }, () => {
  let db: TestDatabase;
  let redis: RunningRedis;
  let a: RunningPlatform;
  let b: RunningPlatform;

  before(async () => {
    redis = await startRedis();
    db = await createTestDatabase();
    a = await startPlatform({ DATABASE_URL: db.url, REDIS_URL: redis.url });
    b = await startPlatform({ DATABASE_URL: db.url, REDIS_URL: redis.url, MIGRATE_ON_BOOT: 'false' });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
    await redis?.stop();
  });

  test('the store is Redis; sign-in limits hold across instances and headers, on both tenants', async () => {
    assert.ok(a.app.get(RATE_LIMIT_STORE) instanceof RedisRateLimitStore);
    await limitsHoldAcrossInstances(a, b, 'redis-korban@example.id');
    const rows = await asOwner(db.url, (c) => c.query<{ n: number }>(`SELECT count(*)::int AS n FROM rate_limit_windows`));
    assert.equal(rows.rows[0].n, 0, 'nothing counted in PostgreSQL');
  });

  test('store contract on a real redis-server', async () => {
    await storeContract(a, a.app.get(RATE_LIMIT_STORE));
  });

  test('Redis down: limits keep holding on the instance, in memory', async () => {
    await redis.stop();
    const host = 'jakarta.localhost';
    for (let i = 0; i < 5; i++) assert.equal((await signIn(a, host, 'redis-down@example.id')).status, 401);
    assert.equal((await signIn(a, host, 'redis-down@example.id')).status, 429);
  });
});
