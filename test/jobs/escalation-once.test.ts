import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ESCALATION_JOB, parseSubmission, ReportsService } from '@app/reports';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { asOwner, createTestDatabase, TestDatabase } from '../support/database';
import { testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';

describe('escalation as a scheduled job: two instances on one database', () => {
  let db: TestDatabase;
  let instances: RunningPlatform[] = [];

  before(async () => {
    db = await createTestDatabase();
    // The first migrates; the second finds the schema (and pg-boss's) in place, like a second replica.
    instances.push(await startPlatform({ DATABASE_URL: db.url }));
    instances.push(await startPlatform({ DATABASE_URL: db.url }));
  });
  after(async () => {
    await Promise.all(instances.map((p) => p.close()));
    instances = [];
    await db?.drop();
  });

  test('an overdue report escalates through one job per tenant per minute, run by one instance, not one per instance', async () => {
    const app = instances[0].app;
    const jakarta = app.get(TenantRegistry).getOrThrow('jakarta');
    const { report } = await app.get(TenantContext).run(jakarta, async () =>
      app.get(ReportsService).submit(
        parseSubmission({
          category: 'jalan-rusak',
          latitude: '-6.2440',
          longitude: '106.8000',
          description: 'Jalan berlubang belum ditangani sama sekali.',
          privacy: 'public',
        }),
        { reporterAccountId: null, photos: [{ data: await testPhoto(61) }], photoRequired: true, channel: 'portal' },
      ),
    );
    // Overdue long past the escalation hours (the owner bypasses RLS to set up the past).
    await asOwner(db.url, (c) => c.query(`UPDATE reports SET due_at = now() - interval '30 days' WHERE id = $1`, [report.id]));

    const escalations = (): Promise<{ minute: string; tenant: string; state: string }[]> =>
      asOwner(
        db.url,
        async (c) =>
          (
            await c.query<{ minute: string; tenant: string; state: string }>(
              `SELECT to_char(created_on, 'HH24:MI') AS minute, data->>'tenant' AS tenant, state FROM pgboss.job WHERE name = $1`,
              [ESCALATION_JOB],
            )
          ).rows,
      );
    const deadline = Date.now() + 120_000;
    while (!(await escalations()).some((j) => j.tenant === 'jakarta' && j.state === 'completed') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
    }
    // Both instances had the schedule and a worker for the whole wait; give the second a few polls to do anything twice.
    await new Promise((r) => setTimeout(r, 5000));

    const jobs = await escalations();
    const jakartaJobs = jobs.filter((j) => j.tenant === 'jakarta');
    assert.ok(
      jakartaJobs.some((j) => j.state === 'completed'),
      'the escalation job ran',
    );
    const perMinute = new Map<string, number>();
    for (const j of jakartaJobs) perMinute.set(j.minute, (perMinute.get(j.minute) ?? 0) + 1);
    assert.ok(
      [...perMinute.values()].every((n) => n === 1),
      `one job per minute, got ${JSON.stringify([...perMinute])}`,
    );
    const ticks = await asOwner(
      db.url,
      async (c) =>
        (
          await c.query<{ minute: string; n: number }>(
            `SELECT to_char(created_on, 'HH24:MI') AS minute, count(*)::int AS n FROM pgboss.job WHERE name = $1 GROUP BY 1`,
            [`${ESCALATION_JOB}__tick`],
          )
        ).rows,
    );
    assert.ok(ticks.length >= 1 && ticks.every((t) => t.n === 1), `one tick per minute for the cluster, got ${JSON.stringify(ticks)}`);

    const events = await asOwner(
      db.url,
      async (c) =>
        (
          await c.query<{ agency_code: string }>(`SELECT agency_code FROM report_events WHERE report_id = $1 AND kind = 'escalated'`, [
            report.id,
          ])
        ).rows,
    );
    assert.deepEqual(events, [{ agency_code: 'biro-pemerintahan' }]);
  });
});
