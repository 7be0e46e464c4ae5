import { Injectable } from '@nestjs/common';
import { FEED_ENCODINGS, FEED_FORMATS, FEED_KINDS, FeedSourceConfig, Locale, TenantContext } from '@app/tenancy';
import { formatDateTime } from '@app/config';
import { ViewEngine } from '@app/views';
import { FeedPull } from '../feeds.repository';
import { TrialPull } from '../pull/feed-puller';
import { FeedFormValues } from './feed-source-form';

const TRIAL_ROWS = 10;
const FORM_FIELDS = [
  'code',
  'name_id',
  'name_en',
  'kind',
  'url',
  'format',
  'rows',
  'delimiter',
  'encoding',
  'field_date',
  'field_item',
  'field_place',
  'field_region',
  'field_value',
  'field_unit',
  'field_link',
  'unit',
  'schedule',
  'staleAfterHours',
  'licence',
  'attribution',
  'page',
  'compare',
  'enabled',
] as const;

/** View models of the console's data-source pages. */
@Injectable()
export class FeedsAdminMapper {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  list(
    locale: Locale,
    sources: Record<string, FeedSourceConfig>,
    statuses: Map<string, { latest: FeedPull | null; lastGood: FeedPull | null }>,
  ) {
    return {
      title: this.text(locale, 'admin.feeds.title'),
      adminSection: 'sumber-data',
      sources: Object.entries(sources)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, s]) => {
          const st = statuses.get(code);
          return {
            code,
            name: s.name[locale] ?? s.name.id,
            kind: this.text(locale, `feeds.kindNames.${s.kind}`),
            enabled: s.enabled !== false,
            latest: st?.latest ? this.pull(locale, st.latest) : null,
            lastGood: st?.lastGood?.finishedAt ? this.when(st.lastGood.finishedAt, locale) : null,
          };
        }),
    };
  }

  form(
    locale: Locale,
    values: FeedFormValues,
    extra: { pulls: FeedPull[]; errors?: Map<string, string>; trial?: TrialPull; saved?: string; queued?: boolean },
  ) {
    const errors = [...(extra.errors ?? new Map<string, string>())].map(([field, text]) => ({ field, text }));
    const errorOf = Object.fromEntries(errors.map((e) => [e.field, e.text]));
    const editing = values.mode === 'edit';
    const choice = (list: readonly string[], selected: string | undefined, label: (v: string) => string) =>
      list.map((value) => ({ value, label: label(value), selected: value === selected }));
    const trial = extra.trial;
    return {
      title: editing ? this.text(locale, 'admin.feeds.editTitle', { code: values.code ?? '' }) : this.text(locale, 'admin.feeds.newTitle'),
      adminSection: 'sumber-data',
      editing,
      code: values.code ?? '',
      values: Object.fromEntries(FORM_FIELDS.map((f) => [f, values[f] ?? ''])),
      compareChecked: values.compare === 'on',
      enabledChecked: values.enabled === 'on',
      kinds: choice(FEED_KINDS, values.kind, (v) => this.text(locale, `feeds.kindNames.${v}`)),
      formats: choice(FEED_FORMATS, values.format, (v) => v.toUpperCase()),
      encodings: [
        { value: '', label: this.text(locale, 'admin.feeds.encodingAuto'), selected: !values.encoding },
        ...choice(FEED_ENCODINGS, values.encoding, (v) => v),
      ],
      delimiters: [
        { value: '', label: ',', selected: !values.delimiter },
        ...choice([';', '\t'], values.delimiter, (v) => (v === '\t' ? 'Tab' : v)),
      ],
      errors,
      errorOf,
      saved: extra.saved ?? null,
      queued: extra.queued ?? false,
      trial: trial
        ? {
            ok: trial.ok,
            failure: trial.failure ? this.failure(locale, trial.failure.reason, trial.failure.detail) : null,
            total: trial.total ?? 0,
            accepted: trial.mapped?.rows.length ?? 0,
            rejected: trial.mapped?.rejected ?? 0,
            rows: (trial.mapped?.rows ?? []).slice(0, TRIAL_ROWS).map((r) => ({
              date: this.when(r.observedAt, locale),
              item: r.item,
              place: r.place ?? '',
              region: r.region ?? '',
              value: r.value ?? '',
              unit: r.unit ?? '',
              link: r.link ?? '',
            })),
            rejects: (trial.mapped?.rejects ?? []).map((r) => ({
              row: r.row,
              reason: this.text(locale, `admin.feeds.rejects.${r.reason}`),
              got: r.got ?? '',
            })),
          }
        : null,
      pulls: extra.pulls.map((p) => this.pull(locale, p)),
    };
  }

  /** Problems by field, in the admin's words where the console knows the field. */
  describe(locale: Locale, problems: Map<string, string>): Map<string, string> {
    return new Map(
      [...problems].map(([field, message]) => {
        const key = `admin.feeds.invalid.${field}`;
        const text = this.text(locale, key);
        return [field, text === key ? message : text];
      }),
    );
  }

  text(locale: Locale, key: string, params?: Record<string, unknown>): string {
    return this.views.text(this.context.tenant, locale, key, params);
  }

  private pull(locale: Locale, p: FeedPull) {
    return {
      id: p.id,
      ok: p.status === 'ok',
      running: p.status === 'running',
      failed: p.status === 'failed',
      status: this.text(locale, `admin.feeds.status.${p.status}`),
      trigger: this.text(locale, `admin.feeds.trigger.${p.trigger}`),
      started: this.when(p.startedAt, locale),
      datetime: p.startedAt.toISOString(),
      reason: p.reason ? this.failure(locale, p.reason, p.detail ?? '') : null,
      accepted: p.rowsAccepted,
      rejected: p.rowsRejected,
      httpStatus: p.httpStatus,
      bytes: p.bytes,
      rejects: p.rejects.map((r) => ({ row: r.row, reason: this.text(locale, `admin.feeds.rejects.${r.reason}`), got: r.got ?? '' })),
    };
  }

  private failure(locale: Locale, reason: string, detail: string) {
    return { code: reason, text: this.text(locale, `feeds.failures.${reason}`), detail };
  }

  private when(at: Date, locale: Locale): string {
    return formatDateTime(at, locale, this.context.tenant.config.timezone);
  }
}
