import { Injectable } from '@nestjs/common';
import { AccountView } from '@app/accounts';
import { Clock } from '@app/config';
import { Locale, reportMapOf, serviceTitle, TenantContext } from '@app/tenancy';
import { ViewEngine } from '@app/views';
import { Report } from '../entities';
import { ReportsService } from '../reports.service';
import { FeedFilters, SubmissionValues } from './report-page-forms';
import { errorsByField, FormError, formErrorsOf } from './report-form-errors';
import { ReportError } from '../report-error';
import { queryOf } from './page-format';
import { areaChooser, pickedArea } from '../areas/area-choice';
import { categoryGroups, ratingOpen, regionGroups, reportPageView, statusOptions, timelineEntries } from './report-page-views';

const STAFF = new Set(['officer', 'validator', 'admin']);

/** The public page's support button: open to support, already supported by this citizen, or the citizen's own report. */
export type SupportState = 'open' | 'supported' | 'own';

/**
 * View models of the citizen's report pages. Built from the privacy-safe
 * report view: no page model carries the reporter's account or contact.
 */
@Injectable()
export class ReportPagesMapper {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  landing(locale: Locale, account: AccountView | undefined) {
    return {
      title: serviceTitle(this.context.tenant, 'reports', locale),
      citizen: account?.role === 'citizen',
      staff: account ? STAFF.has(account.role) : false,
    };
  }

  form(
    locale: Locale,
    account: AccountView | undefined,
    seed: string,
    values: SubmissionValues = {},
    errors: FormError[] = [],
    pendingPhotos: string[] = [],
  ) {
    const { config } = this.context.tenant;
    return {
      title: this.text(locale, 'reports.form.title'),
      seed,
      signedIn: account?.role === 'citizen',
      categoryGroups: categoryGroups(config, locale, (key) => this.text(locale, key), values.category),
      regions: regionGroups(config, values.region),
      areas: areaChooser(config, pickedArea(config, values) ?? values.region),
      values: {
        description: values.description ?? '',
        address: values.address ?? '',
        latitude: values.latitude ?? '',
        longitude: values.longitude ?? '',
        contact: values.contact ?? '',
        notifyEmail: values.notifyEmail ?? '',
      },
      privacy: { private: values.privacy === 'private', public: values.privacy === 'public' },
      limits: { maxPhotos: config.reports.photos.maxCount, maxMb: config.reports.photos.maxMb, ...config.reports.description },
      area: config.area,
      // Placeholders written as the reader's keyboard types numbers (Indonesian: decimal comma).
      example: {
        latitude: ((config.area.south + config.area.north) / 2).toFixed(4).replace('.', locale === 'id' ? ',' : '.'),
        longitude: ((config.area.west + config.area.east) / 2).toFixed(4).replace('.', locale === 'id' ? ',' : '.'),
      },
      map: this.map(),
      // The browser's own check (report-form.js) words its messages like the server's.
      messages: {
        category: this.text(locale, 'reports.errors.missing-field', { field: this.text(locale, 'reports.form.fields.category') }),
        description: this.text(locale, 'reports.errors.description-length', { ...config.reports.description }),
        location: this.text(locale, 'reports.errors.invalid-location'),
        photos: this.text(locale, 'reports.errors.photo-required'),
      },
      errors,
      errorOf: errorsByField(errors),
      pending: pendingPhotos.length ? { ids: pendingPhotos.join(','), count: pendingPhotos.length } : null,
    };
  }

  confirmation(locale: Locale, report: Report, trackingToken: string | null) {
    const view = reportPageView(this.context.tenant.config, locale, report, this.clock.now());
    return {
      title: this.text(locale, 'reports.confirmation.title'),
      confirmation: {
        ticket: view.ticket,
        status: view.status,
        agency: view.agency,
        privacyKey: view.privacyKey,
        token: trackingToken,
        trackUrl: trackingToken
          ? `/laporan/lacak${queryOf({ tiket: view.ticket, token: trackingToken })}`
          : `/laporan/saya/${encodeURIComponent(view.ticket)}`,
      },
    };
  }

  trackForm(locale: Locale, values: { ticket?: string; token?: string } = {}, errors: FormError[] = []) {
    return {
      title: this.text(locale, 'reports.track.title'),
      form: { ticket: values.ticket ?? '', token: values.token ?? '' },
      errors,
      errorOf: errorsByField(errors),
    };
  }

  /** The anonymous reporter's page: their report (photos through the token), its timeline, and the rating form once done. */
  async tracked(locale: Locale, report: Report, token: string, errors: FormError[] = []) {
    const detail = await this.detail(locale, report, `?token=${encodeURIComponent(token)}`);
    const { config } = this.context.tenant;
    return {
      title: `${this.text(locale, 'reports.track.title')} ${report.ticketNo}`,
      form: { ticket: report.ticketNo, token },
      report: detail,
      rating: ratingOpen(config, report)
        ? { action: '/laporan/lacak/nilai', ticket: report.ticketNo, token, scale: [5, 4, 3, 2, 1] }
        : null,
      languages: this.languageLinks(locale, `/laporan/lacak${queryOf({ tiket: report.ticketNo, token })}`),
      errors,
      errorOf: errorsByField(errors),
    };
  }

  mine(locale: Locale, reports: Report[]) {
    const { config } = this.context.tenant;
    const now = this.clock.now();
    return {
      title: this.text(locale, 'reports.mine.title'),
      items: reports.map((r) => ({
        ...reportPageView(config, locale, r, now),
        href: `/laporan/saya/${encodeURIComponent(r.ticketNo)}`,
        awaitingRating: ratingOpen(config, r),
      })),
      awaitingRating: reports.filter((r) => ratingOpen(config, r)).length,
    };
  }

  async myReport(locale: Locale, report: Report, errors: FormError[] = []) {
    const { config } = this.context.tenant;
    return {
      title: report.ticketNo,
      report: await this.detail(locale, report),
      rating: ratingOpen(config, report)
        ? { action: `/laporan/saya/${encodeURIComponent(report.ticketNo)}/nilai`, scale: [5, 4, 3, 2, 1] }
        : null,
      errors,
      errorOf: errorsByField(errors),
    };
  }

  feed(locale: Locale, filters: FeedFilters, result: { items: Report[]; hasMore: boolean; covers?: Map<string, string> }) {
    const { config } = this.context.tenant;
    const now = this.clock.now();
    const link = (page: number) =>
      `/laporan/publik${queryOf({ category: filters.category, status: filters.status, region: filters.region, page: page > 1 ? page : undefined })}`;
    return {
      title: this.text(locale, 'reports.feed.title'),
      filters: {
        categoryGroups: categoryGroups(config, locale, (key) => this.text(locale, key), filters.category),
        statuses: statusOptions(config, locale, filters.status),
        regions: regionGroups(config, filters.region),
        active: Boolean(filters.category || filters.status || filters.region),
      },
      items: result.items.map((r) => {
        const cover = result.covers?.get(r.id);
        return {
          ...reportPageView(config, locale, r, now),
          href: `/laporan/publik/${encodeURIComponent(r.ticketNo)}`,
          thumbnail: cover ? `/laporan/foto/${cover}` : null,
        };
      }),
      map: result.items.length ? this.map() : null,
      pagination: {
        page: filters.page,
        prev: filters.page > 1 ? link(filters.page - 1) : null,
        next: result.hasMore ? link(filters.page + 1) : null,
      },
    };
  }

  async publicReport(locale: Locale, report: Report, notice: { supported?: boolean; errors?: FormError[]; state?: SupportState } = {}) {
    const state = notice.supported ? 'supported' : (notice.state ?? 'open');
    return {
      title: report.ticketNo,
      // A public page shows no staff notes (a validator's rejection note is internal).
      report: await this.detail(locale, report, '', 'public'),
      support:
        report.state === 'open'
          ? {
              action: `/laporan/publik/${encodeURIComponent(report.ticketNo)}/dukung`,
              open: state === 'open',
              own: state === 'own',
              done: state === 'supported',
            }
          : null,
      supported: notice.supported === true,
      errors: (notice.errors ?? []).map((e) => ({ ...e, field: 'support' })),
    };
  }

  /**
   * What the map script needs, as data attributes: the tenant's tile source
   * and the province's box (the map starts on it and the pin stays inside).
   */
  map() {
    const { config } = this.context.tenant;
    const tiles = reportMapOf(config.reports);
    const { south, west, north, east } = config.area;
    return { tiles: tiles.tiles, attribution: tiles.attribution, maxZoom: tiles.maxZoom, bounds: [south, west, north, east].join(',') };
  }

  /** A report error as the form's messages, in the reader's language. */
  formErrors(locale: Locale, error: ReportError, fields: Record<string, string> = {}): FormError[] {
    return formErrorsOf(this.views, this.context.tenant, locale, error, fields);
  }

  private async detail(locale: Locale, report: Report, photoQuery = '', audience: 'public' | 'reporter' = 'reporter') {
    const { config } = this.context.tenant;
    const [photos, events] = await Promise.all([this.reports.photos(report), this.reports.timeline(report)]);
    const view = reportPageView(config, locale, report, this.clock.now(), photos, photoQuery);
    const help = this.text(locale, `reports.statusHelp.${report.status}`);
    return {
      ...view,
      statusHelp: help.startsWith('reports.statusHelp.') ? null : help,
      timeline: timelineEntries(config, locale, events, audience),
    };
  }

  private languageLinks(locale: Locale, path: string) {
    const sep = path.includes('?') ? '&' : '?';
    return this.context.tenant.config.locale.available
      .filter((l) => l !== locale)
      .map((l) => ({ code: l, url: `${path}${sep}lang=${l}`, label: this.text(l, 'reports.track.languageName') }));
  }

  private text(locale: Locale, key: string, params?: Record<string, unknown>): string {
    return this.views.text(this.context.tenant, locale, key, params);
  }
}
