import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Clock } from '@app/config';
import {
  Actor,
  EscalationService,
  parseSubmission,
  ReportActionsService,
  ReportError,
  ReportErrorCode,
  ReportsService,
} from '@app/reports';
import { Tenant, TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testPhoto } from '../support/images';
import { RunningPlatform, startPlatform } from '../support/platform';

describe('report workflow on the real PostgreSQL server', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let jakarta: Tenant;
  let as: <T>(fn: () => Promise<T>) => Promise<T>;
  let citizen: ReportsService;
  let staff: ReportActionsService;
  const officer: Actor = {
    accountId: '00000000-0000-4000-8000-000000000001',
    role: 'officer',
    agencyCode: 'sudin-bina-marga-jakarta-selatan',
  };
  const validator: Actor = { accountId: '00000000-0000-4000-8000-000000000002', role: 'validator' };

  const file = (description: string, seed: number) =>
    as(
      async () =>
        (
          await citizen.submit(
            parseSubmission({
              category: 'jalan-rusak',
              latitude: '-6.2440',
              longitude: '106.8000',
              description,
              privacy: 'public',
            }),
            { reporterAccountId: null, photos: [{ data: await testPhoto(seed) }], photoRequired: true, channel: 'portal' },
          )
        ).report,
    );

  before(async () => {
    db = await createTestDatabase();
    // No job workers: the scheduled escalation would race the test's own (with its clock moved ahead).
    platform = await startPlatform({ DATABASE_URL: db.url, JOB_WORKERS: 'false' });
    const context = platform.app.get(TenantContext);
    jakarta = platform.app.get(TenantRegistry).getOrThrow('jakarta');
    as = (fn) => context.run(jakarta, fn);
    citizen = platform.app.get(ReportsService);
    staff = platform.app.get(ReportActionsService);
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  test('Menunggu → Proses → Menunggu Validasi (with evidence) → TL Ditolak → … → Selesai, then rated', async () => {
    const report = await file('Jalan amblas di depan kantor kelurahan, sudah dua minggu.', 11);
    await as(() => staff.act(officer, report.ticketNo, { action: 'proses', note: 'Tim dijadwalkan besok.' }));
    const evidence = { before: [{ data: await testPhoto(12) }], after: [{ data: await testPhoto(13) }] };
    let current = await as(() => staff.act(officer, report.ticketNo, { action: 'tindak-lanjut', note: 'Sudah ditambal.' }, evidence));
    assert.equal(current.status, 'menunggu-validasi');
    current = await as(() => staff.act(validator, report.ticketNo, { action: 'tolak-tindak-lanjut', note: 'Foto sesudah tidak jelas.' }));
    assert.equal(current.status, 'tl-ditolak');
    const again = { before: [{ data: await testPhoto(14) }], after: [{ data: await testPhoto(15) }] };
    await as(() => staff.act(officer, report.ticketNo, { action: 'tindak-lanjut' }, again));
    current = await as(() => staff.act(validator, report.ticketNo, { action: 'terima' }));
    assert.equal(current.status, 'selesai');
    assert.equal(current.state, 'closed');
    const rated = await as(() => citizen.rate(current, 5, 'Cepat, terima kasih.'));
    assert.equal(rated.rating, 5);
    await assert.rejects(
      () => as(() => citizen.rate(rated, 4, 'lagi')),
      (e) => e instanceof ReportError && e.code === ReportErrorCode.RatingNotAllowed,
    );
    const timeline = await as(() => citizen.timeline(current));
    assert.deepEqual(
      timeline.map((e) => e.toStatus ?? e.kind),
      ['menunggu', 'routed', 'proses', 'menunggu-validasi', 'tl-ditolak', 'menunggu-validasi', 'selesai', 'rated'],
    );
    assert.ok(timeline.every((e) => e.createdAt instanceof Date && e.actorRole));
  });

  test('an evidence photo reused on another report warns the validator, with a link to the other report', async () => {
    const first = await file('Trotoar retak di dekat halte busway.', 21);
    const second = await file('Jalan retak di depan pasar tradisional.', 22);
    const reused = await testPhoto(23);
    for (const r of [first, second]) {
      const evidence = { before: [{ data: await testPhoto(r === first ? 24 : 25) }], after: [{ data: reused }] };
      await as(() => staff.act(officer, r.ticketNo, { action: 'proses' }));
      await as(() => staff.act(officer, r.ticketNo, { action: 'tindak-lanjut' }, evidence));
    }
    const warnings = await as(async () => staff.evidenceWarnings(await staff.find(validator, second.ticketNo)));
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].matches[0].ticketNo, first.ticketNo);
    assert.equal(warnings[0].matches[0].exact, true);
    const clean = await file('Lubang kecil di jalan kampung.', 26);
    await as(() => staff.act(officer, clean.ticketNo, { action: 'proses' }));
    const fresh = { before: [{ data: await testPhoto(27) }], after: [{ data: await testPhoto(28) }] };
    await as(() => staff.act(officer, clean.ticketNo, { action: 'tindak-lanjut' }, fresh));
    assert.deepEqual(await as(async () => staff.evidenceWarnings(await staff.find(validator, clean.ticketNo))), []);
  });

  test('two officers acting at once: one wins, the other is told the status changed', async () => {
    const report = await file('Jalan berlubang di tikungan tajam.', 31);
    const results = await Promise.allSettled([
      as(() => staff.act(officer, report.ticketNo, { action: 'proses' })),
      as(() => staff.act(officer, report.ticketNo, { action: 'proses', note: 'Saya yang tangani.' })),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(failed.reason instanceof ReportError && failed.reason.code === ReportErrorCode.InvalidTransition);
  });

  test('an overdue report is flagged first in the queue and escalates once after the configured hours', async () => {
    const clock = platform.app.get(Clock);
    const report = await file('Jalan rusak belum ditangani sama sekali.', 41);
    const late = new Date(report.dueAt.getTime() + 25 * 3_600_000);
    // The real clock's method, bound: put back as it was after the test.
    const realNow = clock.now.bind(clock);
    clock.now = () => late;
    try {
      const queue = await as(() => staff.queue(officer, {}));
      assert.equal(queue.items[0].dueAt < late, true, 'overdue first');
      const escalation = platform.app.get(EscalationService);
      const escalated = await as(() => escalation.escalateOverdue());
      assert.ok(escalated >= 1);
      assert.equal(await as(() => escalation.escalateOverdue()), 0, 'only once');
      const timeline = await as(() => citizen.timeline(report));
      const event = timeline.find((e) => e.kind === 'escalated')!;
      assert.equal(event.agencyCode, 'biro-pemerintahan');
    } finally {
      clock.now = realNow;
    }
  });
});
