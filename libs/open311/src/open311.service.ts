import { Injectable } from '@nestjs/common';
import { parseSubmission, Report, ReportsService } from '@app/reports';
import { RateLimiter } from '@app/security';
import { CategoryConfig, Locale, TenantConfig, TenantContext } from '@app/tenancy';
import { formatIsoInZone, parseIsoInZone } from '@app/config';
import { Open311Error } from './open311-error';
import { Open311Form } from './open311-form';
import { XmlValue } from './open311-format';
import { Open311KeyService } from './open311-key.service';
import { Open311RequestsQuery } from './open311-query';

/** When this API's documents last changed (the discovery `changeset`). */
export const OPEN311_CHANGESET = new Date(1_764_600_000_000);
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** GeoReport v2: "a span of 90 days or first 1000 requests returned, whichever is smallest". */
export const MAX_SPAN_MS = 90 * 86_400_000;
export const MAX_REQUESTS = 1000;
/** Submissions per API key per hour, unless the tenant sets `services.reports.settings.open311SubmissionsPerHour`. */
export const DEFAULT_SUBMISSIONS_PER_HOUR = 600;

type Json = { [key: string]: XmlValue };

/** Who asks, for absolute URLs (photos, the discovery endpoint) and for names in their language. */
export interface Caller {
  origin: string;
  locale: Locale;
}

/**
 * GeoReport v2 over the tenant's reports: its categories are the services,
 * their extra questions the service definitions, its public reports the
 * service requests. Never a word about who reported.
 */
@Injectable()
export class Open311Service {
  constructor(
    private readonly reports: ReportsService,
    private readonly keys: Open311KeyService,
    private readonly limiter: RateLimiter,
    private readonly context: TenantContext,
  ) {}

  discovery(caller: Caller): Json {
    const { config } = this.context.tenant;
    return {
      changeset: formatIsoInZone(OPEN311_CHANGESET, 'UTC'),
      contact: config.name,
      key_service: `${caller.origin}/`,
      endpoints: [
        {
          specification: SPECIFICATION,
          url: `${caller.origin}/open311/v2`,
          changeset: formatIsoInZone(OPEN311_CHANGESET, 'UTC'),
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
  }

  services(caller: Caller): Json[] {
    const { config } = this.context.tenant;
    return Object.entries(config.categories).map(([code, category]) => {
      const name = text(category.name, caller.locale);
      return {
        service_code: code,
        service_name: name,
        description: name,
        metadata: Object.keys(category.fields ?? {}).length > 0,
        type: 'realtime',
        keywords: [...new Set([category.name.id, category.name.en, category.group].filter((k): k is string => !!k && k !== name))].join(
          ', ',
        ),
        group: category.group,
      };
    });
  }

  definition(code: string, caller: Caller): Json {
    const category = this.category(code);
    return {
      service_code: code,
      attributes: Object.entries(category.fields ?? {}).map(([fieldCode, field], i) => ({
        variable: true,
        code: fieldCode,
        datatype: field.type,
        required: field.required === true,
        datatype_description: null,
        order: i + 1,
        description: text(field.label, caller.locale),
        ...(field.type === 'singlevaluelist'
          ? { values: Object.entries(field.values ?? {}).map(([key, label]) => ({ key, name: text(label, caller.locale) })) }
          : {}),
      })),
    };
  }

  /** POST requests: a live key of this tenant, within its rate, then the same submission as every other channel. */
  async submit(form: Open311Form, queryKey: string | undefined): Promise<Json[]> {
    const f = form.fields;
    const key = await this.keys.verify(f.api_key || queryKey);
    if (!key) throw new Open311Error(403, 'api_key is missing or not valid for this jurisdiction');
    const limit = this.submissionsPerHour();
    const decision = await this.limiter.consume('open311-submit', key.id, { limit, windowMs: 3_600_000 });
    if (!decision.allowed)
      throw new Open311Error(429, `too many requests for this api_key: at most ${limit} per hour`, decision.retryAfterSeconds);

    if (!f.service_code) throw new Open311Error(400, 'service_code is required');
    if (!f.lat || !f.long)
      throw new Open311Error(
        400,
        'lat and long are required: this jurisdiction locates requests by coordinates only, not by address_string or address_id',
      );
    const mediaUrl = f.media_url?.trim() || undefined;
    if (mediaUrl && !/^https?:\/\/\S{1,490}$/.test(mediaUrl)) throw new Open311Error(400, 'media_url must be an http(s) URL');
    const submission: Record<string, string> = {
      category: f.service_code,
      latitude: f.lat,
      longitude: f.long,
      description: f.description ?? '',
      address: f.address_string ?? '',
      contact: contactOf(f),
    };
    for (const [name, value] of Object.entries(f)) {
      const attribute = /^attribute\[([a-z0-9-]+)\]$/.exec(name);
      if (attribute) submission[`details[${attribute[1]}]`] = value;
    }
    const { report } = await this.reports.submit(parseSubmission(submission), {
      reporterAccountId: null,
      photos: form.media,
      photoRequired: false,
      channel: 'open311',
      mediaUrl,
    });
    return [{ service_request_id: report.ticketNo }];
  }

  /** GET requests: public reports only, by the spec's five filters; `service_request_id` overrides the others. */
  async requests(query: Open311RequestsQuery, caller: Caller): Promise<Json[]> {
    const { config } = this.context.tenant;
    const ids = list(query.service_request_id);
    if (ids) {
      const hits = await this.reports.search({ tickets: ids.slice(0, MAX_REQUESTS), publicOnly: true, limit: MAX_REQUESTS });
      return hits.map((h) => this.represent(config, h.report, h.coverPhotoId, caller));
    }
    const start = this.date(query.start_date, 'start_date');
    const end = this.date(query.end_date, 'end_date');
    if (start && end && start > end) throw new Open311Error(400, 'start_date must not be after end_date');
    if (start && end && end.getTime() - start.getTime() > MAX_SPAN_MS)
      throw new Open311Error(400, 'start_date and end_date may not span more than 90 days');
    const to = end ?? (start ? new Date(start.getTime() + MAX_SPAN_MS) : undefined);
    const from = start ?? new Date((end ?? new Date()).getTime() - MAX_SPAN_MS);
    const states = list(query.status);
    if (states?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open or closed');
    const hits = await this.reports.search({
      categories: list(query.service_code),
      states: states as ('open' | 'closed')[] | undefined,
      from,
      to,
      publicOnly: true,
      limit: MAX_REQUESTS,
    });
    return hits.map((h) => this.represent(config, h.report, h.coverPhotoId, caller));
  }

  /** GET requests/{id}: a one-element list, or 404 (also for a private report: Open311 is public). */
  async request(id: string, caller: Caller): Promise<Json[]> {
    const [hit] = await this.reports.search({ tickets: [id], publicOnly: true, limit: 1 });
    if (!hit) throw new Open311Error(404, `service_request_id '${id}' not found`);
    return [this.represent(this.context.tenant.config, hit.report, hit.coverPhotoId, caller)];
  }

  /**
   * GET tokens/{token}. Every service is realtime, so POST answers the
   * service_request_id at once and a token is simply that id: any report of
   * the tenant answers with itself (nothing but the id it was asked about).
   */
  async token(token: string): Promise<Json[]> {
    const [hit] = await this.reports.search({ tickets: [token], publicOnly: false, limit: 1 });
    if (!hit) throw new Open311Error(404, `token '${token}' not found`);
    return [{ service_request_id: hit.report.ticketNo, token }];
  }

  private represent(config: TenantConfig, report: Report, coverPhotoId: string | null, caller: Caller): Json {
    const status = config.workflow.statuses[report.status];
    const handoff = report.handoffTarget ? config.reports.handoffTargets[report.handoffTarget] : undefined;
    const statusName = status ? text(status.name, caller.locale) : report.status;
    const category = config.categories[report.categoryCode];
    const linked = report.details.media_url;
    return {
      service_request_id: report.ticketNo,
      status: report.state,
      status_notes: handoff ? `${statusName}: ${text(handoff.name, caller.locale)}` : statusName,
      service_name: category ? text(category.name, caller.locale) : report.categoryCode,
      service_code: report.categoryCode,
      description: report.description,
      agency_responsible: config.agencies[report.agencyCode]?.name ?? report.agencyCode,
      service_notice: null,
      requested_datetime: formatIsoInZone(report.createdAt, config.timezone),
      updated_datetime: formatIsoInZone(report.updatedAt, config.timezone),
      expected_datetime: formatIsoInZone(report.dueAt, config.timezone),
      address: report.address || null,
      address_id: null,
      zipcode: null,
      lat: report.latitude,
      long: report.longitude,
      media_url: coverPhotoId ? `${caller.origin}/laporan/foto/${coverPhotoId}` : linked && /^https?:\/\//.test(linked) ? linked : null,
    };
  }

  private category(code: string): CategoryConfig {
    const { config } = this.context.tenant;
    const category = Object.hasOwn(config.categories, code) ? config.categories[code] : undefined;
    if (!category) throw new Open311Error(404, `service_code '${code}' not found`);
    return category;
  }

  private date(value: string | string[] | undefined, name: string): Date | undefined {
    const raw = single(value);
    if (!raw) return undefined;
    const date = parseIsoInZone(raw, this.context.tenant.config.timezone);
    if (!date) throw new Open311Error(400, `${name} must be an ISO 8601 date, e.g. 2026-11-28T08:15:00+07:00`);
    return date;
  }

  private submissionsPerHour(): number {
    const setting = this.context.tenant.config.services.reports?.settings?.open311SubmissionsPerHour;
    return typeof setting === 'number' && Number.isInteger(setting) && setting > 0 ? setting : DEFAULT_SUBMISSIONS_PER_HOUR;
  }
}

function text(t: { id: string; en?: string }, locale: Locale): string {
  return (locale === 'en' ? t.en : undefined) ?? t.id;
}

function single(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value.join(',') : value)?.trim() || undefined;
}

/** A comma-delimited filter as a list, or undefined when absent or empty ("optional" per the spec). */
function list(value: string | string[] | undefined): string[] | undefined {
  const items = single(value)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items && items.length ? items : undefined;
}

/** How to reach the reporter, kept only as the report's private contact: never returned by any API. */
function contactOf(f: Record<string, string>): string {
  const name = [f.first_name, f.last_name]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(' ');
  return [name, f.email?.trim(), f.phone?.trim()].filter(Boolean).join(' / ').slice(0, 120);
}
