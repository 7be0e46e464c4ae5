import { Body, Controller, Get, Header, HttpCode, NotFoundException, Post, Query, Req } from '@nestjs/common';
import { AccountView, Authenticated, CurrentAccount } from '@app/accounts';
import { requestPath, WebRequest } from '@app/security';
import { Locale, TenantContext } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus, ViewEngine } from '@app/views';
import { TenantConfigError, TenantConfigErrorCode } from '../tenant-config.error';
import { TenantConfigService } from '../tenant-config.service';
import { adminActor, AdminForm, formErrors, FormErrors, isFormError, revisionMessage } from './admin-page';
import { CollectionQuery } from './collection-query';
import { problemDescriber } from './problem-text';
import {
  COLLECTIONS,
  CollectionSpec,
  collectionAt,
  collectionPatch,
  ENTRY_CODE,
  entriesOf,
  entryFromForm,
  fieldOfPath,
  formFromEntry,
} from './config-collections';

const ROUTES = COLLECTIONS.map((c) => c.route);
const under = (action: string) => COLLECTIONS.map((c) => `${c.route}/${action}`);

interface Outcome {
  form?: AdminForm;
  errors?: FormErrors;
  /** An agency that cannot be retired yet: offer to reassign its open reports. */
  blocked?: { code: string; count: number };
}

/**
 * Agencies, categories, regions, routing rules and emergency numbers
 * (/admin/instansi, /kategori, /wilayah, /rute, /darurat): list, add, edit,
 * retire. Retiring writes `null` for the entry in the overlay.
 */
@Controller('admin')
@Authenticated({ roles: ['admin'] })
export class CollectionsPageController {
  constructor(
    private readonly config: TenantConfigService,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
  ) {}

  @Get(ROUTES)
  @Page('admin-collection')
  @Header('cache-control', 'no-store')
  show(@PageLocale() locale: Locale, @Req() req: WebRequest, @Query() query: CollectionQuery) {
    const spec = specOf(req);
    const edit = query.ubah && Object.hasOwn(entriesOf(spec, this.context.tenant.config), query.ubah) ? query.ubah : undefined;
    const form = edit
      ? { ...formFromEntry(spec, entriesOf(spec, this.context.tenant.config)[edit]), code: edit, mode: 'edit' }
      : { mode: 'add' };
    return this.model(locale, spec, { form }, query);
  }

  @Post(ROUTES)
  @HttpCode(200)
  @Page('admin-collection')
  @Header('cache-control', 'no-store')
  async save(@PageLocale() locale: Locale, @Req() req: WebRequest, @Body() form: AdminForm, @CurrentAccount() account: AccountView) {
    const spec = specOf(req);
    const code = String(form.code ?? '').trim();
    const editing = form.mode === 'edit';
    const exists = Object.hasOwn(entriesOf(spec, this.context.tenant.config), code);
    const codeProblem = !ENTRY_CODE.test(code) ? 'invalidCode' : editing !== exists ? (editing ? 'unknownCode' : 'codeTaken') : undefined;
    if (codeProblem) {
      const text = this.views.text(this.context.tenant, locale, `admin.config.collection.${codeProblem}`, { code });
      return new PageWithStatus(
        422,
        this.model(locale, spec, { form, errors: { errors: [{ field: 'code', path: 'code', text }], errorOf: { code: text } } }),
      );
    }
    try {
      const revision = await this.config.propose(
        collectionPatch(spec, code, entryFromForm(spec, form)),
        adminActor(account, req),
        revisionMessage(this.views, this.context.tenant, form.message, editing ? 'edit' : 'add', { code }),
      );
      return new PageRedirect(`/admin/${spec.route}?tersimpan=${revision.revision}`);
    } catch (error) {
      if (!isFormError(error)) throw error;
      return new PageWithStatus(
        422,
        this.model(locale, spec, {
          form,
          errors: formErrors(error.problems, (p) => fieldOfPath(spec, code, p), problemDescriber(this.views, this.context.tenant, locale)),
        }),
      );
    }
  }

  /** Retiring asks first: this page, then the form it holds. Declining (Batal) changes nothing. */
  @Get(under('pensiun'))
  @Page('admin-confirm')
  @Header('cache-control', 'no-store')
  confirmRetire(@PageLocale() locale: Locale, @Req() req: WebRequest, @Query('kode') code?: string) {
    const spec = specOf(req);
    if (!code || !Object.hasOwn(entriesOf(spec, this.context.tenant.config), code)) throw new NotFoundException();
    return this.retireStep(locale, spec, code);
  }

  @Post(under('pensiun'))
  @HttpCode(200)
  @Page('admin-collection')
  @Header('cache-control', 'no-store')
  async retire(@PageLocale() locale: Locale, @Req() req: WebRequest, @Body() form: AdminForm, @CurrentAccount() account: AccountView) {
    const spec = specOf(req);
    const code = String(form.code ?? '');
    if (!Object.hasOwn(entriesOf(spec, this.context.tenant.config), code)) throw new NotFoundException();
    // Not confirmed (a stale form, a replayed request): ask, change nothing.
    if (form.confirm !== 'yes') return new PageWithStatus(200, this.retireStep(locale, spec, code), 'admin-confirm');
    try {
      const revision = await this.config.propose(
        collectionPatch(spec, code, null),
        adminActor(account, req),
        revisionMessage(this.views, this.context.tenant, form.message, 'retire', { code }),
      );
      return new PageRedirect(`/admin/${spec.route}?tersimpan=${revision.revision}`);
    } catch (error) {
      if (!isFormError(error)) throw error;
      const blocked = error.code === TenantConfigErrorCode.AgencyHasOpenReports ? { code, count: Number(error.params.count) } : undefined;
      return new PageWithStatus(
        422,
        this.model(locale, spec, {
          form: { mode: 'add' },
          errors: formErrors(error.problems, () => undefined, problemDescriber(this.views, this.context.tenant, locale)),
          blocked,
        }),
      );
    }
  }

  /** Moves every open report of an agency to another, so that it can be retired. */
  @Post('instansi/alihkan')
  @HttpCode(200)
  @Page('admin-collection')
  @Header('cache-control', 'no-store')
  async reassign(@PageLocale() locale: Locale, @Req() req: WebRequest, @Body() form: AdminForm, @CurrentAccount() account: AccountView) {
    const spec = collectionAt('instansi')!;
    const from = String(form.from ?? '');
    if (!Object.hasOwn(this.context.tenant.config.agencies, from)) throw new NotFoundException();
    try {
      const moved = await this.config.reassignOpenReports(from, String(form.to ?? ''), adminActor(account, req));
      return new PageRedirect(`/admin/instansi?dialihkan=${moved}&dari=${encodeURIComponent(from)}`);
    } catch (error) {
      if (!(error instanceof TenantConfigError)) throw error;
      const count = await this.config.openReportsOf(from);
      return new PageWithStatus(
        422,
        this.model(locale, spec, {
          form: { mode: 'add' },
          errors: formErrors(error.problems, () => 'to', problemDescriber(this.views, this.context.tenant, locale)),
          blocked: { code: from, count },
        }),
      );
    }
  }

  /** An agency's categories as checkboxes by name, grouped as citizens see them. */
  private categoryGroups(locale: Locale, selected: Set<string>) {
    const { config } = this.context.tenant;
    const groups = new Map<string, { value: string; label: string; checked: boolean }[]>();
    for (const [value, category] of Object.entries(config.categories)) {
      const list = groups.get(category.group) ?? [];
      list.push({ value, label: category.name[locale] ?? category.name.id, checked: selected.has(value) });
      groups.set(category.group, list);
    }
    return [...groups.entries()].map(([group, options]) => ({
      group,
      label: this.views.text(this.context.tenant, locale, `reports.groups.${group}`),
      options: options.sort((a, b) => a.label.localeCompare(b.label)),
    }));
  }

  private retireStep(locale: Locale, spec: CollectionSpec, code: string) {
    const { config } = this.context.tenant;
    const t = (key: string, params?: Record<string, unknown>) => this.views.text(this.context.tenant, locale, key, params);
    const name = spec.summary(entriesOf(spec, config)[code], locale, config);
    return {
      title: t('admin.confirm.retire.title'),
      nav: spec.key,
      errors: [],
      confirm: {
        heading: t('admin.confirm.retire.heading', { name }),
        lines: [t(`admin.confirm.retire.body.${spec.key}`), t('admin.confirm.retire.undo')],
        action: `/admin/${spec.route}/pensiun`,
        fields: [{ name: 'code', value: code }],
        withMessage: true,
        yes: t('admin.confirm.retire.yes'),
        cancel: `/admin/${spec.route}`,
      },
    };
  }

  private model(locale: Locale, spec: CollectionSpec, outcome: Outcome, query: CollectionQuery = {}) {
    const { config } = this.context.tenant;
    const form = outcome.form ?? {};
    const errors = outcome.errors ?? { errors: [], errorOf: {} };
    const t = (key: string, params?: Record<string, unknown>) => this.views.text(this.context.tenant, locale, key, params);
    return {
      title: t(`admin.config.nav.${spec.key}`),
      nav: spec.key,
      route: spec.route,
      ...errors,
      saved: query.tersimpan,
      reassigned:
        query.dialihkan !== undefined
          ? { count: query.dialihkan, from: (query.dari && config.agencies[query.dari]?.name) || query.dari }
          : undefined,
      entries: Object.entries(entriesOf(spec, config))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, entry]) => ({ code, summary: spec.summary(entry, locale, config) })),
      editing: form.mode === 'edit',
      code: form.code ?? '',
      message: form.message ?? '',
      fields: spec.fields.map((f) => ({
        name: f.name,
        label: t(`admin.config.fields.${f.name}`),
        kind: f.kind,
        optional: !!f.optional,
        value: form[f.name] ?? '',
        isSelect: f.kind === 'select',
        isNumber: f.kind === 'number',
        isList: f.kind === 'list',
        error: errors.errorOf[f.name],
        isCheckboxes: f.kind === 'checkboxes',
        groups: f.kind === 'checkboxes' ? this.categoryGroups(locale, listOf(form[f.name])) : undefined,
        options: f.options?.(config, locale).map((o) => ({ ...o, selected: o.value === form[f.name] })),
      })),
      blocked: outcome.blocked && {
        ...outcome.blocked,
        name: config.agencies[outcome.blocked.code]?.name ?? outcome.blocked.code,
        targets: Object.entries(config.agencies)
          .filter(([c]) => c !== outcome.blocked!.code)
          .map(([value, a]) => ({ value, label: a.name }))
          .sort((a, b) => a.label.localeCompare(b.label)),
      },
    };
  }
}

/** The codes a list field holds: a comma string (edit form) or the ticked checkboxes (a re-rendered POST). */
function listOf(value: unknown): Set<string> {
  const raw = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return new Set(raw.filter(Boolean));
}

function specOf(req: WebRequest): CollectionSpec {
  const spec = collectionAt(requestPath(req).split('/')[2] ?? '');
  if (!spec) throw new NotFoundException();
  return spec;
}
