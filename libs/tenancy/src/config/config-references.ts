import { isServiceKey } from '../services/service-catalog';
import { PathProblem } from './config-validator';
import { areaReference, levelOfCode } from '@app/areas';
import { STRING_KEY, TenantConfig } from './tenant-config';
import { FEED_REQUIRED_FIELDS } from './feeds-config';

/**
 * Cross-references inside one tenant's effective config: every code that one
 * collection names must exist in the collection it points to. Run only on a
 * config whose shape is already valid.
 */
export function checkReferences(config: TenantConfig): PathProblem[] {
  const problems: PathProblem[] = [];
  const has = (map: object | undefined, key: string | undefined) => key !== undefined && !!map && Object.hasOwn(map, key);
  // An abstract base may leave place (regions, agencies, routing, area, hosts) to its children: check what is there.
  const { regions = {}, agencies = {}, categories } = config;

  for (const key of Object.keys(config.services)) {
    if (!isServiceKey(key)) problems.push({ path: ['services', key], message: `unknown service '${key}'` });
  }
  if (!config.locale.available.includes(config.locale.default)) {
    problems.push({ path: ['locale', 'default'], message: `default locale '${config.locale.default}' is not in locale.available` });
  }
  if (config.area) {
    const { south, north, west, east } = config.area;
    if (south >= north || west >= east) problems.push({ path: ['area'], message: 'south must be below north and west left of east' });
  }

  for (const [code, region] of Object.entries(regions)) {
    if (region.parent !== undefined && !has(regions, region.parent)) {
      problems.push({ path: ['regions', code, 'parent'], message: `unknown region '${region.parent}'` });
    }
  }
  for (const [code, agency] of Object.entries(agencies)) {
    if (agency.parent !== undefined && (agency.parent === code || !has(agencies, agency.parent))) {
      problems.push({
        path: ['agencies', code, 'parent'],
        message: agency.parent === code ? 'an agency cannot be its own parent' : `unknown agency '${agency.parent}'`,
      });
    }
    if (agency.region !== undefined && !has(regions, agency.region) && !isReferenceVillage(regions, agency.region)) {
      problems.push({ path: ['agencies', code, 'region'], message: `unknown region '${agency.region}'` });
    }
    agency.categories.forEach((category, i) => {
      if (!has(categories, category))
        problems.push({ path: ['agencies', code, 'categories', i], message: `unknown category '${category}'` });
    });
  }
  for (const [code, rule] of Object.entries(config.routing?.rules ?? {})) {
    const at = ['routing', 'rules', code];
    if (rule.category === undefined && rule.region === undefined)
      problems.push({ path: at, message: 'a rule needs a category, a region or both' });
    if (rule.category !== undefined && !has(categories, rule.category))
      problems.push({ path: [...at, 'category'], message: `unknown category '${rule.category}'` });
    if (rule.region !== undefined && !has(regions, rule.region))
      problems.push({ path: [...at, 'region'], message: `unknown region '${rule.region}'` });
    if (!has(agencies, rule.agency)) problems.push({ path: [...at, 'agency'], message: `unknown agency '${rule.agency}'` });
  }
  if (config.routing?.fallback !== undefined && !has(agencies, config.routing.fallback)) {
    problems.push({ path: ['routing', 'fallback'], message: `unknown agency '${config.routing.fallback}'` });
  }
  if (config.reports.escalation.agency !== undefined && !has(agencies, config.reports.escalation.agency)) {
    problems.push({ path: ['reports', 'escalation', 'agency'], message: `unknown agency '${config.reports.escalation.agency}'` });
  }
  for (const [code, target] of Object.entries(config.reports.handoffTargets ?? {})) {
    if (target.kind === 'tenant' && !target.tenant)
      problems.push({ path: ['reports', 'handoffTargets', code, 'tenant'], message: 'a hand-off to another tenant names its slug' });
  }
  const { statuses, actions, initial } = config.workflow;
  if (!has(statuses, initial)) problems.push({ path: ['workflow', 'initial'], message: `unknown status '${initial}'` });
  for (const [code, action] of Object.entries(actions)) {
    action.from.forEach((status, i) => {
      if (!has(statuses, status)) problems.push({ path: ['workflow', 'actions', code, 'from', i], message: `unknown status '${status}'` });
    });
    if (!has(statuses, action.to)) problems.push({ path: ['workflow', 'actions', code, 'to'], message: `unknown status '${action.to}'` });
  }
  const hosts = config.hosts ? [config.hosts.primary, ...(config.hosts.aliases ?? []), ...(config.hosts.local ?? [])] : [];
  const seen = new Set<string>();
  hosts.forEach((host) => {
    if (seen.has(host)) problems.push({ path: ['hosts'], message: `host '${host}' is listed twice` });
    seen.add(host);
  });
  for (const key of Object.keys(config.strings ?? {})) {
    if (!STRING_KEY.test(key)) problems.push({ path: ['strings', key], message: `'${key}' is not a UI string key like home.greeting` });
  }
  for (const [code, feed] of Object.entries(config.feeds ?? {})) {
    if (!feed) continue;
    if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(code))
      problems.push({ path: ['feeds', code], message: `'${code}' is not a feed code (lower-case letters, digits and dashes)` });
    for (const name of FEED_REQUIRED_FIELDS[feed.kind] ?? []) {
      if (!feed.fields?.[name])
        problems.push({ path: ['feeds', code, 'fields', name], message: `a ${feed.kind} source maps its '${name}' field` });
    }
    if (feed.compare && feed.kind !== 'food-prices')
      problems.push({ path: ['feeds', code, 'compare'], message: 'only food-price sources can join the comparison across provinces' });
  }
  return problems;
}

/** A desa/kelurahan of the reference data (libs/areas) whose kecamatan is one of the tenant's regions: a kelurahan office's region. */
function isReferenceVillage(regions: TenantConfig['regions'], code: string): boolean {
  return levelOfCode(code) === 'desa-kelurahan' && Object.hasOwn(regions, code.slice(0, 8)) && areaReference.find(code) !== undefined;
}
