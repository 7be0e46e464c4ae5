import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Report, ReportSearch, ReportSearchHit, ReportsService, SubmitOptions, SubmitReport } from '@app/reports';
import { MemoryRateLimitStore, RateLimiter } from '@app/security';
import { loadTenants, TenantContext } from '@app/tenancy';
import { Open311Error } from './open311-error';
import { Open311KeyService } from './open311-key.service';
import { DEFAULT_SUBMISSIONS_PER_HOUR, MAX_SPAN_MS, Open311Service } from './open311.service';

/*
 * GeoReport v2 over the tenant's reports, with the reports service and the
 * key store replaced by fakes: how requests map to submissions and reports
 * to service requests, and which errors the spec's clients get. The wire
 * formats (XML, JSON) and real keys are tested over HTTP in test/open311.
 */

const jakarta = loadTenants(join(__dirname, '..', '..', '..', '..', 'tenants')).find((t) => t.slug === 'jakarta')!;
const caller = { origin: 'https://jakarta.example', locale: 'id' as const };
const KEY = 'good-key';

function report(over: Partial<Report> = {}): Report {
  return {
    tenantId: 'jakarta',
    id: 'r-1',
    ticketNo: 'JK2603050001',
    categoryCode: 'jalan-rusak',
    regionCode: '31.74',
    latitude: -6.26,
    longitude: 106.81,
    address: 'Jl. Sudirman',
    description: 'Jalan berlubang',
    privacy: 'public',
    status: 'menunggu',
    state: 'open',
    agencyCode: 'dinas-bina-marga',
    reporterAccountId: 'citizen-1',
    reporterContact: 'Siti / 0812',
    trackingTokenHash: 'x',
    idempotencyKey: null,
    idempotencyFingerprint: null,
    details: {},
    supportsCount: 0,
    rating: null,
    ratingComment: null,
    handoffTarget: null,
    createdAt: new Date('2026-03-05T01:00:00Z'),
    updatedAt: new Date('2026-03-05T02:00:00Z'),
    dueAt: new Date('2026-03-11T01:00:00Z'),
    escalatedAt: null,
    ...over,
  };
}

function setup(hits: ReportSearchHit[] = []) {
  const submitted: { input: SubmitReport; options: SubmitOptions }[] = [];
  const searches: ReportSearch[] = [];
  const reports = {
    submit: (input: SubmitReport, options: SubmitOptions) => {
      submitted.push({ input, options });
      return Promise.resolve({ report: report({ ticketNo: 'JK2603050042' }), trackingToken: 't', replayed: false });
    },
    search: (q: ReportSearch) => {
      searches.push(q);
      return Promise.resolve(
        hits.filter((h) => (!q.tickets || q.tickets.includes(h.report.ticketNo)) && (!q.publicOnly || h.report.privacy === 'public')),
      );
    },
  } as unknown as ReportsService;
  const keys = {
    verify: (key: string | undefined) => Promise.resolve(key === KEY ? { id: 'key-1', name: 'FixMyStreet' } : null),
  } as unknown as Open311KeyService;
  const context = { tenant: jakarta, hasTenant: true } as unknown as TenantContext;
  const limiter = new RateLimiter(context, { now: () => new Date('2026-03-05T03:00:00Z') }, new MemoryRateLimitStore());
  return { service: new Open311Service(reports, keys, limiter, context), submitted, searches };
}

const status = (code: number) => (e: unknown) => e instanceof Open311Error && e.status === code;
const form = (fields: Record<string, string>) => ({
  fields: { api_key: KEY, service_code: 'jalan-rusak', lat: '-6.2615', long: '106.8106', description: 'Jalan berlubang besar', ...fields },
  media: [],
});

describe('Open311Service: POST requests', () => {
  test('a request becomes an ordinary submission: fields, attributes as details, contact kept private, no photo required', async () => {
    const { service, submitted } = setup();
    const answer = await service.submit(
      form({
        first_name: 'Siti',
        last_name: 'Aminah',
        email: 'siti@example.id',
        phone: '0812',
        address_string: 'Jl. Sudirman 1',
        'attribute[kedalaman]': '30',
        media_url: 'https://fixmystreet.example/photo/1.jpg',
      }),
      undefined,
    );
    assert.deepEqual(answer, [{ service_request_id: 'JK2603050042' }]);
    const [{ input, options }] = submitted;
    assert.equal(input.category, 'jalan-rusak');
    assert.equal(input.latitude, -6.2615);
    assert.equal(input.address, 'Jl. Sudirman 1');
    assert.equal(input.contact, 'Siti Aminah / siti@example.id / 0812');
    assert.deepEqual(input.details, { kedalaman: '30' });
    assert.deepEqual(
      [options.channel, options.photoRequired, options.reporterAccountId, options.mediaUrl],
      ['open311', false, null, 'https://fixmystreet.example/photo/1.jpg'],
    );
  });

  test('the api_key may come in the body or the query string; without a valid one: 403 and nothing submitted', async () => {
    const { service, submitted } = setup();
    await service.submit({ fields: { ...form({}).fields, api_key: '' }, media: [] }, KEY);
    await assert.rejects(() => service.submit(form({ api_key: 'stolen' }), undefined), status(403));
    await assert.rejects(() => service.submit({ fields: { ...form({}).fields, api_key: '' }, media: [] }, undefined), status(403));
    assert.equal(submitted.length, 1);
  });

  test('missing service_code or coordinates, or a media_url that is not http(s): 400 with what to fix', async () => {
    const { service, submitted } = setup();
    await assert.rejects(
      () => service.submit(form({ service_code: '' }), undefined),
      (e: unknown) => status(400)(e) && /service_code/.test((e as Error).message),
    );
    await assert.rejects(
      () => service.submit(form({ lat: '' }), undefined),
      (e: unknown) => status(400)(e) && /lat and long/.test((e as Error).message),
    );
    await assert.rejects(
      () => service.submit(form({ media_url: 'javascript:alert(1)' }), undefined),
      (e: unknown) => status(400)(e) && /media_url/.test((e as Error).message),
    );
    assert.equal(submitted.length, 0);
  });

  test('a key submits at most its hourly rate, then 429 with Retry-After', async () => {
    const { service } = setup();
    for (let i = 0; i < DEFAULT_SUBMISSIONS_PER_HOUR; i++) await service.submit(form({}), undefined);
    await assert.rejects(
      () => service.submit(form({}), undefined),
      (e: unknown) => status(429)(e) && (e as Open311Error).retryAfter! > 0,
    );
  });
});

describe('Open311Service: GET requests', () => {
  test('a report maps to a service request: state as status, localized names, the tenant’s time zone, the cover photo as media_url', async () => {
    const { service } = setup([
      { report: report({ status: 'bukan-wewenang', state: 'closed', handoffTarget: 'sp4n-lapor' }), coverPhotoId: 'p-1' },
    ]);
    const [request] = await service.request('JK2603050001', caller);
    assert.equal(request.service_request_id, 'JK2603050001');
    assert.equal(request.status, 'closed');
    assert.equal(request.status_notes, 'Bukan Wewenang: SP4N-LAPOR! (kanal nasional)');
    assert.equal(request.service_name, 'Jalan Rusak');
    assert.equal(request.requested_datetime, '2026-03-05T08:00:00+07:00');
    assert.equal(request.media_url, 'https://jakarta.example/laporan/foto/p-1');
    assert.ok(!JSON.stringify(request).includes('Siti'), "never the reporter's contact");
  });

  test('only public reports are listed or found; a private one is 404 like an unknown one', async () => {
    const { service, searches } = setup([{ report: report({ ticketNo: 'JK2603050009', privacy: 'private' }), coverPhotoId: null }]);
    await assert.rejects(() => service.request('JK2603050009', caller), status(404));
    assert.deepEqual(await service.requests({ service_request_id: 'JK2603050009' }, caller), []);
    assert.ok(searches.every((s) => s.publicOnly));
  });

  test('the date window: start after end, or a span over 90 days, is a 400; without dates the last 90 days', async () => {
    const { service, searches } = setup();
    await assert.rejects(
      () => service.requests({ start_date: '2026-03-05T00:00:00+07:00', end_date: '2026-03-01T00:00:00+07:00' }, caller),
      status(400),
    );
    await assert.rejects(
      () => service.requests({ start_date: '2025-01-01T00:00:00Z', end_date: '2025-06-01T00:00:00Z' }, caller),
      status(400),
    );
    await assert.rejects(() => service.requests({ start_date: 'yesterday' }, caller), status(400));
    await assert.rejects(() => service.requests({ status: 'pending' }, caller), status(400));
    await service.requests({ status: 'open,closed', service_code: 'jalan-rusak' }, caller);
    const last = searches.at(-1)!;
    assert.deepEqual([last.states, last.categories], [['open', 'closed'], ['jalan-rusak']]);
    assert.ok(last.to === undefined && last.from!.getTime() > Date.now() - MAX_SPAN_MS - 60_000);
  });

  test('a token answers for any report of the tenant with its id only; an unknown service code is 404', async () => {
    const { service } = setup([{ report: report({ ticketNo: 'JK2603050009', privacy: 'private' }), coverPhotoId: null }]);
    assert.deepEqual(await service.token('JK2603050009'), [{ service_request_id: 'JK2603050009', token: 'JK2603050009' }]);
    await assert.rejects(() => service.token('JK0000000000'), status(404));
    assert.throws(() => service.definition('no-such-service', caller), status(404));
  });
});
