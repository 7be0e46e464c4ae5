import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { formatProblem, formatProblems } from './config-problem';
import { placePathsOf } from './place-key.decorator';
import { TenantConfig } from './tenant-config';
import { readTenantFolders } from './tenant-folder';
import { resolveTenants } from './tenant-resolver';

const SHIPPED = join(__dirname, '..', '..', '..', '..', '..', 'tenants');

function copyOfTenants(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'replika-place-')), 'tenants');
  cpSync(SHIPPED, dir, { recursive: true });
  return dir;
}

/** Edits one YAML file of a tenants copy; `T` is the part of its shape the change relies on. */
function edit<T>(dir: string, file: string, change: (data: T) => void): void {
  const path = join(dir, file);
  const data = (parse(readFileSync(path, 'utf8')) as T | null) ?? ({} as T);
  change(data);
  writeFileSync(path, stringify(data));
}

/** Banten extending `parent`: its identity, and (with `place`) a place borrowed from Lampung's files. */
function banten(dir: string, parent: string, place: boolean): void {
  mkdirSync(join(dir, 'banten'));
  writeFileSync(
    join(dir, 'banten', 'tenant.yaml'),
    stringify({
      extends: parent,
      name: 'Provinsi Banten',
      hosts: { primary: 'banten.example.id' },
      branding: { appName: 'Banten-Ku' },
      ...(place ? { area: { south: -7.1, west: 105.1, north: -5.8, east: 106.8 } } : {}),
    }),
  );
  if (!place) return;
  for (const file of ['regions.yaml', 'agencies.yaml', 'routing.yaml']) copyFileSync(join(dir, 'lampung', file), join(dir, 'banten', file));
  writeFileSync(
    join(dir, 'banten', 'reports.yaml'),
    stringify({ reports: { ticketPrefix: 'BT', escalation: { agency: 'biro-pemotda' } } }),
  );
}

test('place keys are marked in the schema: identity, hosts, area, regions, agencies, routing, numbers, place strings', () => {
  const paths = placePathsOf(TenantConfig).map((p) => p.join('.'));
  for (const expected of [
    'name',
    'hosts',
    'timezone',
    'area',
    'regions',
    'agencies',
    'routing',
    'emergencyNumbers',
    'partnerApps',
    'strings',
    'branding.appName',
    'branding.tagline',
    'branding.logo',
    'services.*.settings.title',
    'reports.ticketPrefix',
    'reports.escalation.agency',
    'reports.handoffTargets',
  ]) {
    assert.ok(paths.includes(expected), `${expected} in ${paths.join(', ')}`);
  }
  for (const app of ['categories', 'workflow', 'locale', 'branding.colors', 'services', 'reports.photos', 'security']) {
    assert.ok(!paths.some((p) => p === app || app.startsWith(`${p}.`)), `${app} is app, not place`);
  }
});

test('a province extending Jakarta inherits none of its place: each missing place key says how to fill it', () => {
  const dir = copyOfTenants();
  banten(dir, 'jakarta', false);
  const problems = resolveTenants(readTenantFolders(dir)).problems.filter((p) => p.tenant === 'banten');
  const byPath = new Map(problems.map((p) => [p.path, p]));
  assert.deepEqual([...byPath.keys()].sort(), [
    'agencies',
    'area',
    'regions',
    'reports.escalation.agency',
    'reports.ticketPrefix',
    'routing',
  ]);
  const area = byPath.get('area')!;
  assert.match(area.file, /tenants\/banten\/tenant\.yaml$/);
  assert.match(area.message, /^missing: area is part of what banten is \(its place\); place is never inherited from 'jakarta'\. /);
  assert.match(area.message, /`npm run tenant -- create banten --from jakarta --province <code\|name>`/);
  assert.match(byPath.get('regions')!.file, /tenants\/banten\/regions\.yaml$/, 'the file the parent keeps that key in');
  assert.match(byPath.get('reports.ticketPrefix')!.file, /tenants\/banten\/reports\.yaml$/);
});

test("with its own place, it gets Jakarta's app and none of Jakarta's place; national place comes from the abstract base", () => {
  const dir = copyOfTenants();
  banten(dir, 'jakarta', true);
  const { tenants, problems } = resolveTenants(readTenantFolders(dir));
  assert.deepEqual(problems.map(formatProblem), []);
  const t = tenants.find((x) => x.slug === 'banten')!;
  assert.deepEqual(t.chain, ['banten', 'jakarta', 'indonesia']);
  const { config } = t;
  assert.ok('kabel-semrawut' in config.categories, "Jakarta's own category is app: inherited");
  assert.equal(config.branding.colors.primary, '#1565c0');
  assert.equal(config.branding.tagline, undefined, "Jakarta's tagline names Jakarta");
  assert.equal(config.branding.logo, undefined);
  assert.equal(config.partnerApps, undefined, "JakLingko is Jakarta's");
  assert.equal(config.strings, undefined, 'no "Halo, warga Jakarta!"');
  assert.equal(config.services.news.settings?.title, undefined, 'no JakWarta');
  assert.equal(config.services.news.enabled, true);
  assert.equal(config.reports.ticketPrefix, 'BT');
  assert.deepEqual(Object.keys(config.reports.handoffTargets).slice(0, 2), ['sp4n-lapor', 'polri']);
  assert.equal(config.reports.handoffTargets.polri.name.id, 'Kepolisian Negara Republik Indonesia', 'not Polda Metro Jaya');
  assert.ok(!('pemprov-banten' in config.reports.handoffTargets));
  assert.equal(config.emergencyNumbers!['darurat-112'].name.id, 'Layanan Darurat 112', 'the national 112, not Jakarta Siaga');
  assert.equal(config.timezone, 'Asia/Jakarta', 'from the abstract base');
  const text = JSON.stringify({ ...config, timezone: undefined });
  assert.equal(/Jakarta|JAKI|JakWarta|jaklingko|31\.7/.exec(text)?.[0], undefined, 'nothing of Jakarta');
});

test('a change valid for Jakarta that breaks a province extending it is named against that province', () => {
  const dir = copyOfTenants();
  banten(dir, 'jakarta', true);
  // Jakarta drops a category it no longer routes: valid for Jakarta.
  edit<{ categories: Record<string, object | null> }>(dir, 'jakarta/categories.yaml', (d) => {
    d.categories['banjir'] = null;
  });
  edit<{ routing: { rules: Record<string, { category?: string; region?: string; agency: string }> } }>(dir, 'jakarta/routing.yaml', (d) => {
    for (const [code, rule] of Object.entries(d.routing.rules)) if (rule.category === 'banjir') delete d.routing.rules[code];
  });
  edit<{ agencies: Record<string, { categories: string[] }> }>(dir, 'jakarta/agencies.yaml', (d) => {
    for (const a of Object.values(d.agencies)) a.categories = a.categories.filter((c) => c !== 'banjir');
  });
  // And a workflow action on a status the child removed, in Jakarta's own file.
  writeFileSync(
    join(dir, 'jakarta', 'workflow.yaml'),
    stringify({
      workflow: {
        actions: { banding: { name: { id: 'Banding' }, kind: 'progress', from: ['tl-ditolak'], to: 'proses', roles: ['validator'] } },
      },
    }),
  );
  writeFileSync(
    join(dir, 'banten', 'workflow.yaml'),
    stringify({
      workflow: {
        statuses: { 'tl-ditolak': null },
        actions: {
          'tolak-tindak-lanjut': null,
          'tindak-lanjut': { from: ['proses'] },
          koordinasi: { from: ['menunggu', 'koordinasi', 'disposisi', 'proses'] },
        },
      },
    }),
  );
  assert.deepEqual(
    resolveTenants(readTenantFolders(dir))
      .problems.filter((p) => p.tenant === 'banten')
      .map(formatProblem)
      .filter((l) => !/banding|banjir/.test(l)),
    [],
  );
  const { problems } = resolveTenants(readTenantFolders(dir));
  assert.ok(problems.length > 0);
  assert.ok(
    problems.every((p) => p.tenant === 'banten'),
    problems.map(formatProblem).join('\n'),
  );
  const lines = problems.map(formatProblem).map((l) => l.replace(/\S*tenants\//g, 'tenants/'));
  assert.ok(
    lines.includes(
      "banten: tenants/jakarta/workflow.yaml: workflow.actions.banding.from[0]: unknown status 'tl-ditolak' (removed by tenants/banten/workflow.yaml)",
    ),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) =>
      /^banten: tenants\/banten\/routing\.yaml: routing\.rules\.[\w-]+\.category: unknown category 'banjir' \(removed by tenants\/jakarta\/categories\.yaml\)$/.test(
        l,
      ),
    ),
    lines.join('\n'),
  );
});

test('a mistake in the national base is named against every tenant it breaks, on one line', () => {
  const dir = copyOfTenants();
  edit<{ workflow: { statuses: Record<string, { state: string }> } }>(dir, 'indonesia/workflow.yaml', (d) => {
    d.workflow.statuses.menunggu.state = 'pending';
  });
  const { problems, tenants } = resolveTenants(readTenantFolders(dir));
  assert.deepEqual(
    tenants.map((t) => t.slug),
    [],
  );
  assert.deepEqual(problems.map((p) => p.tenant).sort(), ['indonesia', 'jakarta', 'lampung']);
  const lines = formatProblems(problems).map((l) => l.replace(/\S*tenants\//g, 'tenants/'));
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0], /^indonesia, jakarta, lampung: tenants\/indonesia\/workflow\.yaml: workflow\.statuses\.menunggu\.state: /);
});

test('an admin overlay cannot change what a tenant extends or whether it is abstract', () => {
  const folders = readTenantFolders(SHIPPED);
  const overlay = { revision: 3, patch: { extends: 'jakarta', abstract: true, branding: { appName: 'X' } } };
  const { problems, tenants } = resolveTenants(folders, new Map([['lampung', overlay]]));
  assert.deepEqual(
    tenants.map((t) => t.slug),
    ['jakarta'],
  );
  assert.deepEqual(problems.map((p) => `${p.tenant}: ${p.file}: ${p.path}`).sort(), [
    'lampung: admin revision 3: abstract',
    'lampung: admin revision 3: extends',
  ]);
});

test('an invalid tenant is quarantined with its hosts and the branding that validates on its own', () => {
  const dir = copyOfTenants();
  edit<{ routing: { rules: Record<string, { category?: string; region?: string; agency: string }> } }>(dir, 'lampung/routing.yaml', (d) => {
    d.routing.rules['lp-extra'] = { category: 'jalan-rusak', agency: 'dinas-tidak-ada' };
  });
  const { tenants, quarantined } = resolveTenants(readTenantFolders(dir));
  assert.deepEqual(
    tenants.map((t) => t.slug),
    ['jakarta'],
  );
  assert.equal(quarantined.length, 1);
  const [q] = quarantined;
  assert.equal(q.slug, 'lampung');
  assert.deepEqual(q.hosts, ['lampungin.lampungprov.go.id', 'www.lampungin.lampungprov.go.id', 'lampung.localhost']);
  assert.equal(q.appName, 'Lampung-In');
  assert.equal(q.colors?.primary, '#0b6e4f');
  assert.match(q.problems.map(formatProblem).join('\n'), /unknown agency 'dinas-tidak-ada'/);
});
