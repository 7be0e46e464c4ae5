import { Locale, TenantConfig } from '@app/tenancy';
import { Report, ReportEvent, ReportPhoto } from '../entities';
import { reportView, timelineView } from '../report-views';
import { formatDateTime } from './page-format';

/**
 * A report as a page shows it: the privacy-safe reportView (never the
 * reporter's account or contact), with dates in the reader's words and the
 * photos grouped by kind. `photoQuery` carries an anonymous reporter's token
 * to the photo URLs of a private report.
 */
export function reportPageView(
  config: TenantConfig,
  locale: Locale,
  report: Report,
  now: Date,
  photos: ReportPhoto[] = [],
  photoQuery = '',
) {
  const view = reportView(config, locale, report, now, photos);
  const withUrl = view.photos.map((p) => ({ ...p, url: `${p.url}${photoQuery}` }));
  return {
    ...view,
    created: formatDateTime(view.createdAt, locale, config.timezone),
    updated: formatDateTime(view.updatedAt, locale, config.timezone),
    due: formatDateTime(view.dueAt, locale, config.timezone),
    privacyKey: `reports.privacy.${view.privacy}`,
    photos: withUrl,
    reportPhotos: withUrl.filter((p) => p.kind === 'report'),
    beforePhotos: withUrl.filter((p) => p.kind === 'before'),
    afterPhotos: withUrl.filter((p) => p.kind === 'after'),
    hasEvidence: withUrl.some((p) => p.kind !== 'report'),
    mapUrl: `https://www.openstreetmap.org/?mlat=${view.location.latitude}&mlon=${view.location.longitude}#map=18/${view.location.latitude}/${view.location.longitude}`,
  };
}

/** The timeline as sentences from the locales (`reports.timeline.<kind>`), filled with the localized names. */
export function timelineEntries(
  config: TenantConfig,
  locale: Locale,
  events: ReportEvent[],
  audience: 'public' | 'reporter' | 'staff' = 'staff',
) {
  return timelineView(config, locale, events).map((e, i) => {
    // Staff notes are internal on public pages; the reporter sees the officer's follow-up but not a validator's rejection note.
    const action = events[i].data.action as string | undefined;
    const internal =
      audience === 'public'
        ? e.actorRole !== 'citizen' && e.actorRole !== 'anonymous'
        : audience === 'reporter' && action !== undefined && config.workflow.actions[action]?.kind === 'reject-follow-up';
    if (internal) e = { ...e, note: undefined };
    const variant = e.kind === 'action' ? (e.handoff ? 'actionHandoff' : e.fromAgency ? 'actionAgency' : 'action') : e.kind;
    return {
      ...e,
      key: `reports.timeline.${variant}`,
      roleKey: `reports.roles.${e.actorRole}`,
      when: formatDateTime(e.at, locale, config.timezone),
    };
  });
}

/** A report can be rated once the validator accepted it (a status reached by an `accept` action), and only once. */
export function ratingOpen(config: TenantConfig, report: Report): boolean {
  return report.rating === null && Object.values(config.workflow.actions).some((a) => a.kind === 'accept' && a.to === report.status);
}

/** Kabupaten and kota with their kecamatan, for a region select grouped by city. */
export function regionGroups(config: TenantConfig, selected?: string) {
  const regions = Object.entries(config.regions);
  return regions
    .filter(([, r]) => r.kind === 'kabupaten' || r.kind === 'kota')
    .map(([code, r]) => ({
      code,
      name: r.name,
      selected: code === selected,
      children: regions
        .filter(([, c]) => c.parent === code && c.kind === 'kecamatan')
        .map(([c, k]) => ({ code: c, name: k.name, selected: c === selected })),
    }));
}

/** The tenant's categories grouped by their group, in config order; group names from the locales (`reports.groups.<code>`). */
/** Categories grouped for a picker; a group is named by the UI string `reports.groups.<code>`, or its code when there is none. */
/** A pictogram per category group, shown before the group's name (decorative; the name carries the meaning). */
const GROUP_ICONS: Record<string, string> = {
  infrastruktur: '🛣️',
  kebencanaan: '🌊',
  lingkungan: '🌳',
  transportasi: '🚌',
  ketertiban: '🚧',
  utilitas: '💡',
  sosial: '🤝',
  kesehatan: '🏥',
  pemerintahan: '🏛️',
};

export function categoryGroups(config: TenantConfig, locale: Locale, text: (key: string) => string, selected?: string) {
  const groupName = (code: string) => {
    const name = text(`reports.groups.${code}`);
    return name === `reports.groups.${code}` ? code : name;
  };
  const groups = new Map<
    string,
    { code: string; name: string; icon: string; categories: { code: string; name: string; privacy: string; selected: boolean }[] }
  >();
  for (const [code, c] of Object.entries(config.categories)) {
    let group = groups.get(c.group);
    if (!group)
      groups.set(c.group, (group = { code: c.group, name: groupName(c.group), icon: GROUP_ICONS[c.group] ?? '📋', categories: [] }));
    group.categories.push({ code, name: c.name[locale] ?? c.name.id, privacy: c.privacy, selected: code === selected });
  }
  return [...groups.values()];
}

export function statusOptions(config: TenantConfig, locale: Locale, selected?: string) {
  return Object.entries(config.workflow.statuses).map(([code, s]) => ({
    code,
    name: s.name[locale] ?? s.name.id,
    selected: code === selected,
  }));
}
