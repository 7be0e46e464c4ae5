import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { AccountView, OptionalAccount } from '@app/accounts';
import { Clock } from '@app/config';
import { RateLimiter } from '@app/security';
import { TenantContext, TenantService } from '@app/tenancy';
import { apiLocale } from '@app/views';
import { anonymousClientKey, clientAddressKey } from './client-key';
import { RateReportBody } from './dto/report-action';
import { parseSubmission } from './dto/parse-submission';
import { Report } from './entities';
import { readReportForm } from './photos/report-media';
import { ReportError, ReportErrorCode } from './report-error';
import { ReportErrorJsonFilter } from './report-error.filter';
import { reportView, timelineView } from './report-views';
import { ReportsService } from './reports.service';
import { ReportFeedQuery } from './dto/report-feed-query';

interface ApiRequest {
  ip?: string;
  headers: Record<string, string | undefined>;
  isMultipart?: () => boolean;
  parts?: () => AsyncIterable<never>;
  body?: unknown;
}

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/**
 * The JSON API the mobile apps use. Submissions are multipart (fields plus
 * `photos` files), rate-limited per client and tenant, and idempotent under
 * an `Idempotency-Key` header. Cookies are never read here: a signed-in
 * citizen sends `Authorization: Bearer`.
 */
@Controller('api/reports')
@TenantService('reports')
@UseFilters(ReportErrorJsonFilter)
export class ReportsApiController {
  constructor(
    private readonly reports: ReportsService,
    private readonly context: TenantContext,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  async submit(
    @Req() req: ApiRequest,
    @Res({ passthrough: true }) reply: Reply,
    @OptionalAccount() account?: AccountView,
    @Headers('idempotency-key') key?: string,
  ) {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw new ReportError(ReportErrorCode.InvalidField, { field: 'Idempotency-Key' }, 'Idempotency-Key');
    await this.limitSubmissions(account ? `account:${account.id}` : clientAddressKey(req));
    const form = await readReportForm(req, ['photos']);
    const result = await this.reports.submit(parseSubmission(form.fields), {
      reporterAccountId: account?.role === 'citizen' ? account.id : null,
      submitterAccountId: account?.id ?? null,
      idempotencyKey: key,
      photos: form.files.photos ?? [],
      photoRequired: true,
      channel: 'api',
    });
    if (result.replayed) reply.status(200).header('idempotent-replayed', 'true');
    return { ...(await this.view(req, result.report, true)), trackingToken: result.trackingToken };
  }

  /** The public feed: public reports only, never who reported them. */
  @Get()
  async feed(@Req() req: ApiRequest, @Query() query: ReportFeedQuery) {
    const page = Math.max(1, Math.min(1000, Number(query.page) || 1));
    const { items, hasMore } = await this.reports.feed({
      category: query.category,
      status: query.status,
      region: query.region,
      page,
      pageSize: 20,
    });
    const { config } = this.context.tenant;
    const now = this.clock.now();
    return { page, hasMore, items: items.map((r) => reportView(config, apiLocale(req, this.context.tenant), r, now)) };
  }

  /** One report: public ones to anyone; private ones to their reporter (bearer account, or `token` of an anonymous report). */
  @Get(':ticket')
  async one(
    @Req() req: ApiRequest,
    @Param('ticket') ticket: string,
    @Query('token') token?: string,
    @OptionalAccount() account?: AccountView,
  ) {
    return this.view(req, await this.readable(ticket, token, account), true);
  }

  @Post(':ticket/supports')
  @HttpCode(201)
  async support(@Req() req: ApiRequest, @Param('ticket') ticket: string, @OptionalAccount() account?: AccountView) {
    const report = await this.reports.support(ticket, account ? `account:${account.id}` : anonymousClientKey(req));
    return { ticket: report.ticketNo, supports: report.supportsCount };
  }

  @Post(':ticket/rating')
  async rate(
    @Req() req: ApiRequest,
    @Param('ticket') ticket: string,
    @Body() body: RateReportBody,
    @OptionalAccount() account?: AccountView,
  ) {
    const report = body.token
      ? await this.reports.track(ticket, body.token)
      : account
        ? await this.reports.ofReporter(ticket, account.id)
        : null;
    if (!report) throw new ReportError(ReportErrorCode.NotFound);
    return this.view(req, await this.reports.rate(report, Number(body.rating), body.comment), false);
  }

  private async readable(ticket: string, token: string | undefined, account: AccountView | undefined): Promise<Report> {
    if (token) return this.reports.track(ticket, token);
    if (account) {
      const own = await this.reports.ofReporter(ticket, account.id).catch(() => null);
      if (own) return own;
    }
    return this.reports.publicReport(ticket);
  }

  private async view(req: ApiRequest, report: Report, withTimeline: boolean) {
    const { config } = this.context.tenant;
    const locale = apiLocale(req, this.context.tenant);
    const photos = await this.reports.photos(report);
    return {
      ...reportView(config, locale, report, this.clock.now(), photos),
      ...(withTimeline ? { timeline: timelineView(config, locale, await this.reports.timeline(report)) } : {}),
    };
  }

  private async limitSubmissions(client: string): Promise<void> {
    const { config } = this.context.tenant;
    const decision = await this.limiter.consume('report-submit', client, { limit: config.reports.submissionsPerHour, windowMs: 3_600_000 });
    if (!decision.allowed) throw new ReportError(ReportErrorCode.RateLimited, { retryAfter: decision.retryAfterSeconds });
  }
}
