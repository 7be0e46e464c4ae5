import { ConfigProblem, Locale, Tenant, TenantConfig } from '@app/tenancy';
import { ViewEngine } from '@app/views';
import { ruleLabel } from './config-collections';

/**
 * A config problem in the admin's language. The validator speaks to
 * developers (`agencies.x.categories[4]: unknown category 'y'`); the console
 * never shows a config path or that English: each known message becomes a
 * sentence naming things by their names, anything else a plain "not valid".
 */
export function problemDescriber(views: ViewEngine, tenant: Tenant, locale: Locale): (problem: ConfigProblem) => string {
  const t = (key: string, params?: Record<string, unknown>) => views.text(tenant, locale, `admin.config.problems.${key}`, params);
  const { config } = tenant;
  return (problem) => {
    const { path, message } = problem;
    let m: RegExpExecArray | null;
    if ((m = /still has (\d+) open report/.exec(message))) {
      const code = path.split('.')[1] ?? '';
      return t('agencyHasOpenReports', { name: config.agencies[code]?.name ?? code, count: m[1] });
    }
    if (/must be a colour/.test(message)) return t('colour');
    if ((m = /^unknown (category|region|agency|status) '([^']*)'/.exec(message))) {
      const [, kind, code] = m;
      const user = referrer(config, locale, path, (key) => t(`referrers.${key}`));
      // The message may go on ("(removed by …)"). The referring entry still exists while the named one is gone: it was just retired (or never existed).
      return user ? t(`inUse.${kind}`, { user, name: nameOf(config, kind, code, locale) }) : t(`unknown.${kind}`, { code });
    }
    if (/cannot be its own parent/.test(message)) return t('ownParent');
    if (/a rule needs a category, a region or both/.test(message)) return t('ruleNeedsTarget');
    if (/listed twice/.test(message)) return t('hostTwice');
    if (/should not be empty|longer than or equal to|must be a string|should not be null or undefined/.test(message)) return t('required');
    if (/shorter than or equal to|must not be greater than/.test(message)) return t('tooLong');
    if (/must be a number|must be an integer|must not be less than|must be a positive/.test(message)) return t('number');
    if (/must be one of the following values/.test(message)) return t('choice');
    if (/must be an email/.test(message)) return t('email');
    if (/must be a URL|must be an URL/.test(message)) return t('url');
    return t('invalid');
  };
}

/** The entry whose reference broke, by its name: "Instansi Dinas X", "Aturan Sampah → Kota Y → Pemkot Y". */
function referrer(config: TenantConfig, locale: Locale, path: string, label: (key: string) => string): string | undefined {
  const parts = path.split('.');
  if (parts[0] === 'agencies' && config.agencies[parts[1]]) return `${label('agency')} ${config.agencies[parts[1]].name}`;
  if (parts[0] === 'regions' && config.regions[parts[1]]) return `${label('region')} ${config.regions[parts[1]].name}`;
  if (parts[0] === 'routing' && parts[1] === 'rules' && config.routing.rules[parts[2]])
    return `${label('rule')} ${ruleLabel(config, config.routing.rules[parts[2]], locale)}`;
  if (parts[0] === 'reports' && parts[1] === 'escalation') return label('escalation');
  return undefined;
}

function nameOf(config: TenantConfig, kind: string, code: string, locale: Locale): string {
  if (kind === 'category') return text(config.categories[code]?.name, locale) || code;
  if (kind === 'region') return config.regions[code]?.name ?? code;
  if (kind === 'agency') return config.agencies[code]?.name ?? code;
  return code;
}

const text = (t: Partial<Record<Locale, string>> | string | undefined, locale: Locale) =>
  typeof t === 'string' ? t : (t?.[locale] ?? t?.id ?? '');
