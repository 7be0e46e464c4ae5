import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Env } from '@app/config';
import { TenantDatabase } from '@app/database';
import { JobQueue, TenantJob } from '@app/jobs';
import { Open311KeyService } from '@app/open311';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { RunningPlatform, startPlatform } from '../support/platform';

/** Resolves with the first value `wait` is given, or fails after `ms`. */
function waitFor<T>(ms: number): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    setTimeout(() => rej(new Error(`nothing within ${ms} ms`)), ms).unref();
  });
  return { promise, resolve };
}

/** The same contract for both drivers: pg-boss on the PostgreSQL server, the in-process runner on PGlite. */
function jobQueueContract(label: string, setup: () => Promise<{ env: Env; db?: TestDatabase }>) {
  describe(label, () => {
    let db: TestDatabase | undefined;
    let platform: RunningPlatform;
    let jobs: JobQueue;

    before(async () => {
      const s = await setup();
      db = s.db;
      platform = await startPlatform(s.env);
      jobs = platform.app.get(JobQueue);
      // One row in each tenant, to see which the job can read.
      const context = platform.app.get(TenantContext);
      const registry = platform.app.get(TenantRegistry);
      for (const slug of ['jakarta', 'lampung']) {
        await context.run(registry.getOrThrow(slug), () => platform.app.get(Open311KeyService).issue(`mitra ${slug}`));
      }
    });
    after(async () => {
      await platform?.close();
      await db?.drop();
    });

    test("a job runs in its tenant's context and sees only its tenant's rows", async () => {
      const context = platform.app.get(TenantContext);
      const database = platform.app.get(TenantDatabase);
      const seen = waitFor<object>(30_000);
      await jobs.work<{ n: number }>('test-probe', { retryLimit: 0 }, async (job) => {
        const rows: { tenant_id: string }[] = await database.transaction((m) => m.query('SELECT DISTINCT tenant_id FROM open311_api_keys'));
        seen.resolve({ context: context.tenant.slug, job: job.tenant, data: job.data, rows: rows.map((r) => r.tenant_id) });
      });
      assert.ok(await jobs.send('test-probe', 'lampung', { n: 7 }));
      assert.deepEqual(await seen.promise, { context: 'lampung', job: 'lampung', data: { n: 7 }, rows: ['lampung'] });
    });

    test('a job whose handler throws is retried after its delay, then completes', async () => {
      const attempts: { at: number; tenant: string }[] = [];
      const done = waitFor<void>(40_000);
      await jobs.work('test-flaky', { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false }, (job: TenantJob) => {
        attempts.push({ at: Date.now(), tenant: job.tenant });
        if (attempts.length === 1) return Promise.reject(new Error('the first attempt fails'));
        done.resolve();
        return Promise.resolve();
      });
      const id = await jobs.send('test-flaky', 'jakarta', {});
      await done.promise;
      assert.equal(attempts.length, 2);
      assert.ok(attempts[1].at - attempts[0].at >= 900, 'waited for the retry delay');
      assert.deepEqual(
        attempts.map((a) => a.tenant),
        ['jakarta', 'jakarta'],
      );
      if (db) {
        // pg-boss records the retry and the completion in its table.
        await new Promise((r) => setTimeout(r, 500));
        const [row] = (
          await asOwner(db.url, (c) =>
            c.query<{ state: string; retry_count: number }>('SELECT state, retry_count FROM pgboss.job WHERE id = $1', [id]),
          )
        ).rows;
        assert.deepEqual(row, { state: 'completed', retry_count: 1 });
      }
    });

    test('a job naming a tenant that is not served never runs', async () => {
      const ran: string[] = [];
      await jobs.work('test-unknown', { retryLimit: 0 }, (job: TenantJob) => Promise.resolve(void ran.push(job.tenant)));
      await jobs.send('test-unknown', 'atlantis', {});
      await jobs.send('test-unknown', 'jakarta', {});
      const deadline = Date.now() + 30_000;
      while (!ran.includes('jakarta') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(ran, ['jakarta']);
    });

    test('a job of a suspended tenant does not run (no writes while suspended)', async () => {
      const registry = platform.app.get(TenantRegistry);
      const ran: string[] = [];
      await jobs.work('test-suspended', { retryLimit: 0 }, (job: TenantJob) => Promise.resolve(void ran.push(job.tenant)));
      registry.setSuspended(['lampung']);
      try {
        await jobs.send('test-suspended', 'lampung', {});
        await jobs.send('test-suspended', 'jakarta', {});
        const deadline = Date.now() + 30_000;
        while (!ran.includes('jakarta') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        await new Promise((r) => setTimeout(r, 500));
        assert.deepEqual(ran, ['jakarta']);
      } finally {
        registry.setSuspended([]);
      }
    });
  });
}

jobQueueContract('job queue: pg-boss on the PostgreSQL server', async () => {
  const db = await createTestDatabase();
  return { db, env: { DATABASE_URL: db.url } };
});

jobQueueContract('job queue: in-process on the embedded PGlite', () => Promise.resolve({ env: {} }));
