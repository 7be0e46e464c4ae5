import { Injectable } from '@nestjs/common';
import { StaffService } from '@app/accounts';
import { AuditEntry } from '@app/audit';
import { Open311KeyService } from '@app/open311';
import { isJsonObject, Json, Locale, TenantConfig, TenantContext } from '@app/tenancy';
import { ViewEngine } from '@app/views';
import { formatTime, isoTime } from './admin-format';

/** Config sections as the admin menu names them (admin.config.nav.*). */
const SECTION_NAV: Record<string, string> = {
  branding: 'branding',
  services: 'services',
  agencies: 'agencies',
  categories: 'categories',
  regions: 'regions',
  routing: 'rules',
  emergencyNumbers: 'emergencyNumbers',
};
/** Sections whose entries are named in the config (agencies by name, categories and regions by their localized name). */
const NAMED_SECTIONS = new Set(['agencies', 'categories', 'regions']);

/** The filter's action groups: what an admin looks for, each an action prefix. */
export const AUDIT_GROUPS = ['config', 'user', 'reports', 'news', 'open311', 'totp'] as const;

/**
 * The audit log as an admin reads it: each entry's summary written in the
 * page's language from its action and recorded changes (the stored English
 * summary only for an action this page does not know), people by name, and
 * targets by what they are called: agencies, categories and regions by name,
 * reports by ticket, API keys by their name, never a UUID.
 */
@Injectable()
export class AuditEntriesMapper {
  constructor(
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
    private readonly staff: StaffService,
    private readonly keys: Open311KeyService,
  ) {}

  async entries(locale: Locale, items: AuditEntry[]) {
    const { config } = this.context.tenant;
    const zone = config.timezone;
    const [people, keys] = await Promise.all([this.staff.list(), this.keys.list()]);
    const byId = new Map(people.map((p) => [p.account.id, p.account]));
    const byEmail = new Map(people.map((p) => [p.account.email, p.account]));
    const keyNames = new Map(keys.map((k) => [k.id, k.name]));
    const t = (key: string, params?: Record<string, unknown>) => this.views.text(this.context.tenant, locale, key, params);
    const person = (email: string) => {
      const account = byEmail.get(email);
      return account && account.displayName !== email ? `${account.displayName} (${email})` : email;
    };
    return items.map((e) => {
      const actor = (e.actorAccountId && byId.get(e.actorAccountId)) || null;
      const params = this.params(e, config, locale, person, keyNames, t);
      const key = `consoles.audit.actions.${e.action}`;
      const text = t(key, params);
      return {
        at: formatTime(e.at, zone, locale),
        atIso: isoTime(e.at, zone),
        actor: actor
          ? actor.displayName
          : e.actorLabel === 'cli' || e.actorLabel === 'system'
            ? t(`consoles.audit.actors.${e.actorLabel}`)
            : e.actorLabel,
        actorDetail: actor && actor.displayName !== e.actorLabel ? e.actorLabel : '',
        action: e.action,
        group: t(`consoles.audit.groups.${e.action.split('.')[0]}`),
        summary: text === key ? e.summary : text,
        note: typeof e.changes?.note === 'string' ? e.changes.note : e.action === 'config.revision' ? e.summary : '',
        ip: e.ip ?? '',
        changes: Object.keys(e.changes ?? {}).length ? JSON.stringify(e.changes, null, 1) : '',
      };
    });
  }

  /** What a summary names, resolved to names in the reader's language. */
  private params(
    e: AuditEntry,
    config: TenantConfig,
    locale: Locale,
    person: (email: string) => string,
    keyNames: Map<string, string>,
    t: (key: string, params?: Record<string, unknown>) => string,
  ): Record<string, unknown> {
    const c = (e.changes ?? {}) as Record<string, Json>;
    const agency = (code: unknown) => (typeof code === 'string' ? (config.agencies[code]?.name ?? code) : t('consoles.audit.none'));
    const region = (code: unknown) => (typeof code === 'string' ? (config.regions[code]?.name ?? code) : t('consoles.audit.none'));
    const role = (code: unknown) => t(`accounts.roles.${String(code)}`);
    const list = (values: unknown) => (Array.isArray(values) ? values.map(String).join(', ') : '');
    switch (e.action.split('.')[0]) {
      case 'user':
      case 'totp': {
        const after = isJsonObject(c.after) ? c.after : {};
        return {
          who: person(e.target),
          role: role(c.role),
          agency: agency(after.agencyCode ?? c.agencyCode),
          region: region(after.regionCode ?? c.regionCode),
        };
      }
      case 'open311':
        return { name: typeof c.name === 'string' ? c.name : (keyNames.get(e.target) ?? t('consoles.audit.unknownKey')) };
      case 'news':
        return { title: e.summary.slice(0, Math.max(0, e.summary.lastIndexOf(': '))) || e.target };
      case 'reports': {
        const refused = Array.isArray(c.refused)
          ? c.refused.map((r) => (isJsonObject(r) && typeof r.ticket === 'string' ? r.ticket : '')).filter(Boolean)
          : [];
        const action = typeof c.action === 'string' ? config.workflow.actions[c.action] : undefined;
        return {
          action: action ? (action.name[locale] ?? action.name.id) : typeof c.action === 'string' ? c.action : '',
          done: Array.isArray(c.done) ? c.done.length : 0,
          refused: refused.length,
          doneTickets: list(c.done) || '-',
          refusedTickets: list(refused) || '-',
          agency: c.agency ? agency(c.agency) : '',
        };
      }
      case 'config': {
        if (e.action === 'config.agency.reassign')
          return {
            from: agency(c.from),
            to: agency(c.to),
            count: Array.isArray(c.tickets) ? c.tickets.length : 0,
            tickets: list(c.tickets) || '-',
          };
        const diff = isJsonObject(c.diff) ? c.diff : {};
        const sections = Object.keys(diff).map((section) => {
          const name = SECTION_NAV[section] ? t(`admin.config.nav.${SECTION_NAV[section]}`) : section;
          const changed = isJsonObject(diff[section]) ? diff[section] : {};
          const entries = NAMED_SECTIONS.has(section)
            ? Object.keys(changed).map((code) => this.entryName(config, section, code, locale))
            : section === 'branding'
              ? Object.entries(changed).map(([field, value]) => brandingChange(field, value, t))
              : [];
          return entries.length ? `${name} (${entries.join(', ')})` : name;
        });
        const rollback = typeof c.rollbackTo === 'number' ? c.rollbackTo : null;
        return {
          revision: e.target,
          sections: sections.join('; ') || t('consoles.audit.nothing'),
          kind: t(rollback !== null ? 'consoles.audit.rollback' : 'consoles.audit.change', { revision: rollback ?? '' }),
        };
      }
      default:
        return {};
    }
  }

  /** A config entry by the name it has now (or its code, when it is gone). */
  private entryName(config: TenantConfig, section: string, code: string, locale: Locale): string {
    if (section === 'agencies') return config.agencies[code]?.name ?? code;
    if (section === 'regions') return config.regions[code]?.name ?? code;
    const name = config.categories[code]?.name;
    return name ? (name[locale] ?? name.id) : code;
  }
}

/** A branding change as the branding form names it; the new app name is quoted, as it is what a reader looks for. */
function brandingChange(field: string, value: Json, t: (key: string) => string): string {
  const label = BRANDING_LABELS[field] ? t(`admin.config.branding.${BRANDING_LABELS[field]}`) : field;
  return field === 'appName' && typeof value === 'string' ? `${label} → "${value}"` : label;
}

const BRANDING_LABELS: Record<string, string> = { appName: 'appName', colors: 'colors', tagline: 'taglineId', logo: 'logoHeading' };
