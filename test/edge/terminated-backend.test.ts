import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asOwner, SERVER_URL } from '../support/database';
import { request } from '../support/http';
import { platformOnTestDatabase } from '../support/platform';

/**
 * An administrator (or a failover) ends the platform's server processes: the idle connections in the pools
 * (the application's, the job queue's, the live-reload listener's) emit `error`. Unhandled, that event ends the
 * Node process; handled, the pool drops the dead connection and the next request opens a new one.
 */
describe("PostgreSQL ends the platform's connections", () => {
  const booted = platformOnTestDatabase();

  test(
    'after pg_terminate_backend on every connection of its database, the platform still answers on both tenants',
    { timeout: 60_000 },
    async () => {
      for (const host of ['jakarta.localhost', 'lampung.localhost']) {
        assert.equal((await request(booted.platform.url, '/api/reports', { host })).status, 200);
      }
      // Only this test's own database: the shared server's other sessions are left alone.
      const ended = await asOwner(
        SERVER_URL,
        async (c) =>
          (
            await c.query<{ pid: number }>(
              `SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
              [booted.db.name],
            )
          ).rows,
      );
      assert.ok(ended.length > 0, 'the platform had connections to end');
      await new Promise((r) => setTimeout(r, 500));

      for (const host of ['jakarta.localhost', 'lampung.localhost']) {
        const deadline = Date.now() + 10_000;
        let res = await request(booted.platform.url, '/api/reports', { host });
        // A request that raced the termination may see 503 (retry later), never a 500 or a dead process.
        while (res.status === 503 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
          res = await request(booted.platform.url, '/api/reports', { host });
        }
        assert.equal(res.status, 200, res.body);
      }
      assert.equal(
        (await request(booted.platform.url, '/laporan/publik', { host: 'jakarta.localhost', headers: { accept: 'text/html' } })).status,
        200,
      );
    },
  );
});
