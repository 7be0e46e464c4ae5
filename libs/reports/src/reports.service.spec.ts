import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ServerKeys } from '@app/security';
import { loadTenants, Tenant, TenantContext } from '@app/tenancy';
import { Report, ReportEvent } from './entities';
import { MediaStorage } from '@app/media';
import { ReportEvents } from './events/report-events';
import { NearbyReportsService } from './nearby/nearby-reports.service';
import { NewEvent, NewPhoto, NewReport, ReportRepository } from './report.repository';
import { ReportActionsService } from './report-actions.service';
import { ReportError, ReportErrorCode } from './report-error';
import { ReportsService, SubmitOptions } from './reports.service';
import { SubmitReport } from './dto/submit-report';

/*
 * The business rules of reports with the repository replaced by an in-memory
 * fake: routing, idempotency, who may see a private report, support and
 * rating, and the workflow's transitions. The database tiers (test/reports,
 * test/database) prove what only PostgreSQL can: RLS, constraints, races.
 */

const jakarta = loadTenants(join(__dirname, '..', '..', '..', '..', 'tenants')).find((t) => t.slug === 'jakarta')!;
const NOW = new Date('2026-03-05T03:00:00Z');

/** Keeps reports in memory, as the real repository would keep them in the tenant's tables. */
class FakeReportRepository {
  readonly reports: Report[] = [];
  readonly events: ReportEvent[] = [];
  readonly supports = new Set<string>();
  creates = 0;
  /** Makes the next update find the report moved on (another officer acted first). */
  loseNextUpdate = false;

  findByIdempotencyKey(key: string) {
    return Promise.resolve(this.reports.find((r) => r.idempotencyKey === key) ?? null);
  }

  findByTicket(ticketNo: string) {
    return Promise.resolve(this.reports.find((r) => r.ticketNo === ticketNo) ?? null);
  }

  create(report: NewReport, _day: string, ticket: (sequence: number) => string, _photos: NewPhoto[], events: NewEvent[]) {
    this.creates++;
    const saved = {
      ...report,
      tenantId: 'jakarta',
      ticketNo: ticket(this.reports.length + 1),
      supportsCount: 0,
      rating: null,
      ratingComment: null,
      handoffTarget: null,
      escalatedAt: null,
      updatedAt: report.createdAt,
    } as Report;
    this.reports.push(saved);
    this.pushEvents(saved.id, events);
    return Promise.resolve(saved);
  }

  update(report: Report, expectedStatus: string, changes: Partial<Report>, events: NewEvent[]) {
    const stored = this.reports.find((r) => r.id === report.id);
    if (!stored || stored.status !== expectedStatus || this.loseNextUpdate) {
      this.loseNextUpdate = false;
      return Promise.resolve(null);
    }
    Object.assign(stored, changes);
    this.pushEvents(report.id, events);
    return Promise.resolve({ ...stored });
  }

  support(report: Report, supporter: string) {
    const key = `${report.id}|${supporter}`;
    if (this.supports.has(key)) return Promise.resolve(false);
    this.supports.add(key);
    return Promise.resolve(true);
  }

  photos() {
    return Promise.resolve([]);
  }

  private pushEvents(reportId: string, events: NewEvent[]) {
    for (const e of events)
      this.events.push({ ...e, tenantId: 'jakarta', reportId, seq: this.events.length + 1, createdAt: e.createdAt ?? NOW });
  }
}

function setup(tenant: Tenant = jakarta) {
  const repo = new FakeReportRepository();
  const context = { tenant, hasTenant: true } as unknown as TenantContext;
  const clock = { now: () => NOW };
  const keys = new ServerKeys(Buffer.from('spec-secret-0123456789abcdef0123456789'));
  const storage = { put: () => Promise.resolve(), get: () => Promise.resolve(null) } as unknown as MediaStorage;
  const service = new ReportsService(repo as unknown as ReportRepository, storage, context, clock, keys, new ReportEvents());
  const actions = new ReportActionsService(
    repo as unknown as ReportRepository,
    service,
    context,
    clock,
    new ReportEvents(),
    {} as NearbyReportsService,
  );
  return { repo, service, actions };
}

/** A damaged road in Jakarta Selatan (31.74), as the router's own spec places it. */
const road = (over: Partial<SubmitReport> = {}): SubmitReport => ({
  category: 'jalan-rusak',
  latitude: -6.2615,
  longitude: 106.8106,
  description: 'Jalan berlubang besar di depan halte busway.',
  ...over,
});
const anonymous: SubmitOptions = { reporterAccountId: null, photos: [], photoRequired: false, channel: 'api' };
const refused = (code: ReportErrorCode) => (e: unknown) => e instanceof ReportError && e.code === code;

describe('ReportsService: submitting', () => {
  test('a report is routed by its category and where it lies, waits in the initial status, and is due after the category’s days', async () => {
    const { service, repo } = setup();
    const { report } = await service.submit(road(), anonymous);
    assert.equal(report.regionCode, '31.74');
    assert.equal(report.agencyCode, 'sudin-bina-marga-jakarta-selatan');
    assert.equal(report.status, 'menunggu');
    assert.equal(report.state, 'open');
    assert.equal(report.dueAt.getTime() - NOW.getTime(), 6 * 86_400_000, 'jalan-rusak is due in 6 days');
    assert.match(report.ticketNo, /^JK260305\d{4}$/);
    assert.deepEqual(
      repo.events.map((e) => [e.kind, e.agencyCode]),
      [
        ['submitted', null],
        ['routed', 'sudin-bina-marga-jakarta-selatan'],
      ],
    );
  });

  test('private unless the category or the citizen says public; the reporter’s contact is kept but the token only as a hash', async () => {
    const { service } = setup();
    const { report, trackingToken } = await service.submit(road({ contact: ' 0812 ' }), anonymous);
    assert.equal(report.privacy, 'private', 'jalan-rusak is private by default');
    assert.equal(report.reporterContact, '0812');
    assert.ok(trackingToken && trackingToken.length >= 20);
    assert.ok(!JSON.stringify(report).includes(trackingToken), 'the token itself is never stored');
    assert.equal((await service.submit(road({ privacy: 'public' }), anonymous)).report.privacy, 'public');
  });

  test('every problem of a submission is reported at once and nothing is stored', async () => {
    const { service, repo } = setup();
    const error = await service
      .submit(road({ category: 'no-such', latitude: -5.43, longitude: 105.26, description: 'x' }), { ...anonymous, photoRequired: true })
      .then(
        () => assert.fail('accepted'),
        (e: unknown) => e as ReportError,
      );
    const codes = [error.code, ...error.also.map((e) => e.code)].sort();
    assert.deepEqual(
      codes,
      [
        ReportErrorCode.DescriptionLength,
        ReportErrorCode.OutsideArea,
        ReportErrorCode.PhotoRequired,
        ReportErrorCode.UnknownCategory,
      ].sort(),
    );
    assert.equal(repo.creates, 0);
  });
});

describe('ReportsService: Idempotency-Key', () => {
  test('the same submitter sending the same request gets the first answer back, tracking token included, and one report', async () => {
    const { service, repo } = setup();
    const first = await service.submit(road(), { ...anonymous, idempotencyKey: 'key-00000001' });
    const again = await service.submit(road(), { ...anonymous, idempotencyKey: 'key-00000001' });
    assert.equal(again.replayed, true);
    assert.equal(again.report.ticketNo, first.report.ticketNo);
    assert.equal(again.trackingToken, first.trackingToken);
    assert.equal(repo.creates, 1);
  });

  test('the key used by someone else, or with another body, is refused and discloses nothing', async () => {
    const { service, repo } = setup();
    await service.submit(road(), { ...anonymous, reporterAccountId: 'citizen-a', idempotencyKey: 'key-00000002' });
    for (const [input, options] of [
      [road(), { ...anonymous, idempotencyKey: 'key-00000002' }],
      [road(), { ...anonymous, reporterAccountId: 'citizen-b', idempotencyKey: 'key-00000002' }],
      [
        road({ description: 'Another description entirely, same key.' }),
        { ...anonymous, reporterAccountId: 'citizen-a', idempotencyKey: 'key-00000002' },
      ],
    ] as const) {
      await assert.rejects(
        () => service.submit(input, options),
        (e: unknown) => {
          assert.ok(refused(ReportErrorCode.IdempotencyKeyReused)(e));
          assert.doesNotMatch(String((e as Error).message), /JK\d|halte/, 'no ticket, no description');
          return true;
        },
      );
    }
    assert.equal(repo.creates, 1);
  });
});

describe('ReportsService: who sees a report', () => {
  test('a private report is not public, and is found only with its token or by its own reporter', async () => {
    const { service } = setup();
    const { report, trackingToken } = await service.submit(road(), anonymous);
    await assert.rejects(() => service.publicReport(report.ticketNo), refused(ReportErrorCode.NotFound));
    await assert.rejects(() => service.track(report.ticketNo, 'not-the-token'), refused(ReportErrorCode.NotFound));
    assert.equal((await service.track(report.ticketNo, trackingToken!)).id, report.id);
    const mine = await service.submit(road(), { ...anonymous, reporterAccountId: 'citizen-a' });
    assert.equal((await service.ofReporter(mine.report.ticketNo, 'citizen-a')).id, mine.report.id);
    await assert.rejects(() => service.ofReporter(mine.report.ticketNo, 'citizen-b'), refused(ReportErrorCode.NotFound));
    assert.equal(
      (await service.publicReport((await service.submit(road({ privacy: 'public' }), anonymous)).report.ticketNo)).privacy,
      'public',
    );
  });

  test('support: once per supporter, never one’s own report, never a private or closed one', async () => {
    const { service, repo } = setup();
    const { report } = await service.submit(road({ privacy: 'public' }), { ...anonymous, reporterAccountId: 'citizen-a' });
    assert.equal((await service.support(report.ticketNo, 'account:citizen-b')).supportsCount, 1);
    await assert.rejects(() => service.support(report.ticketNo, 'account:citizen-b'), refused(ReportErrorCode.AlreadySupported));
    await assert.rejects(() => service.support(report.ticketNo, 'account:citizen-a'), refused(ReportErrorCode.OwnReport));
    const hidden = await service.submit(road(), anonymous);
    await assert.rejects(() => service.support(hidden.report.ticketNo, 'account:citizen-b'), refused(ReportErrorCode.NotFound));
    repo.reports.find((r) => r.id === report.id)!.state = 'closed';
    await assert.rejects(() => service.support(report.ticketNo, 'account:citizen-c'), refused(ReportErrorCode.NotSupportable));
  });

  test('a rating only once the follow-up was accepted, 1 to 5, and only once', async () => {
    const { service, repo } = setup();
    const { report } = await service.submit(road(), anonymous);
    await assert.rejects(() => service.rate(report, 5, undefined), refused(ReportErrorCode.RatingNotAllowed));
    const stored = repo.reports.find((r) => r.id === report.id)!;
    stored.status = 'selesai';
    await assert.rejects(() => service.rate(stored, 6, undefined), refused(ReportErrorCode.InvalidField));
    const rated = await service.rate(stored, 4, ' Cepat ');
    assert.equal(rated.rating, 4);
    assert.equal(rated.ratingComment, 'Cepat');
    await assert.rejects(() => service.rate(rated, 5, undefined), refused(ReportErrorCode.RatingNotAllowed));
  });
});

describe('ReportActionsService: the workflow', () => {
  const officer = { accountId: 'o-1', role: 'officer' as const, agencyCode: 'sudin-bina-marga-jakarta-selatan' };
  const validator = { accountId: 'v-1', role: 'validator' as const };

  test('the routed agency’s officer starts work; the status and timeline move, and closing needs the validator', async () => {
    const { service, actions, repo } = setup();
    const { report } = await service.submit(road(), anonymous);
    const started = await actions.act(officer, report.ticketNo, { action: 'proses' });
    assert.equal(started.status, 'proses');
    assert.deepEqual(repo.events.at(-1), {
      ...repo.events.at(-1),
      kind: 'action',
      fromStatus: 'menunggu',
      toStatus: 'proses',
      actorRole: 'officer',
    });
    await assert.rejects(() => actions.act(officer, report.ticketNo, { action: 'terima' }), refused(ReportErrorCode.ActionNotAllowed));
    await assert.rejects(() => actions.act(validator, report.ticketNo, { action: 'terima' }), refused(ReportErrorCode.InvalidTransition));
  });

  test('an officer of another agency does not even see the report', async () => {
    const { service, actions } = setup();
    const { report } = await service.submit(road(), anonymous);
    await assert.rejects(
      () => actions.act({ ...officer, agencyCode: 'dinas-lingkungan-hidup' }, report.ticketNo, { action: 'proses' }),
      refused(ReportErrorCode.NotFound),
    );
  });

  test('"not our authority" closes the report with its hand-off target; the reason is required', async () => {
    const { service, actions } = setup();
    const { report } = await service.submit(road(), anonymous);
    await assert.rejects(
      () => actions.act(officer, report.ticketNo, { action: 'bukan-wewenang', handoffTarget: 'sp4n-lapor' }),
      refused(ReportErrorCode.NoteRequired),
    );
    const closed = await actions.act(officer, report.ticketNo, {
      action: 'bukan-wewenang',
      handoffTarget: 'sp4n-lapor',
      note: 'Jalan tol nasional.',
    });
    assert.equal(closed.state, 'closed');
    assert.equal(closed.handoffTarget, 'sp4n-lapor');
  });

  test('when someone else moved the report first, the action is refused rather than applied over theirs', async () => {
    const { service, actions, repo } = setup();
    const { report } = await service.submit(road(), anonymous);
    repo.loseNextUpdate = true;
    await assert.rejects(() => actions.act(officer, report.ticketNo, { action: 'proses' }), refused(ReportErrorCode.InvalidTransition));
    assert.equal(repo.reports[0].status, 'menunggu');
  });
});
