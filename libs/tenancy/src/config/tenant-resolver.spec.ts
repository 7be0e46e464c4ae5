import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { formatProblem } from './config-problem';
import { readTenantFolders } from './tenant-folder';
import { resolveTenants } from './tenant-resolver';

const SHIPPED = join(__dirname, '..', '..', '..', '..', '..', 'tenants');

/** A copy of the shipped tenants to break on purpose. */
function copyOfTenants(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'replika-tenants-')), 'tenants');
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

function problemsOf(dir: string): string[] {
  return resolveTenants(readTenantFolders(dir))
    .problems.map(formatProblem)
    .map((p) => p.slice(p.lastIndexOf('tenants/')));
}

test('the shipped tenants are valid: Jakarta and Lampung extend the abstract national base, which is never served', () => {
  const { tenants, problems, quarantined } = resolveTenants(readTenantFolders(SHIPPED));
  assert.deepEqual(problems, []);
  assert.deepEqual(quarantined, []);
  assert.deepEqual(tenants.map((t) => t.slug).sort(), ['jakarta', 'lampung'], 'indonesia is abstract: validated, not served');
  const jakarta = tenants.find((t) => t.slug === 'jakarta')!;
  const lampung = tenants.find((t) => t.slug === 'lampung')!;
  assert.deepEqual(jakarta.chain, ['jakarta', 'indonesia']);
  assert.deepEqual(lampung.chain, ['lampung', 'indonesia']);
  assert.equal(lampung.config.branding.appName, 'Lampung-In');
  assert.equal(lampung.config.branding.colors.text, '#1f2933', 'unset colours come from the national base');
  assert.equal(lampung.config.abstract, undefined, 'abstract is never inherited');
  assert.equal(lampung.isEnabled('news'), false);
  assert.equal(jakarta.isEnabled('news'), true);
  assert.ok(Object.keys(lampung.config.regions).every((code) => code.startsWith('18')));
  assert.ok(Object.keys(jakarta.config.regions).filter((c) => /^31\.\d\d\.\d\d$/.test(c)).length >= 44, 'all 44 kecamatan of Jakarta');
  assert.ok(Object.keys(jakarta.config.agencies).length >= 15);
  assert.ok(Object.keys(jakarta.config.categories).length >= 20);
  assert.ok(!('kabel-semrawut' in lampung.config.categories), "Jakarta's own categories are not Lampung's");
  assert.equal(lampung.config.emergencyNumbers!['darurat-112'].name.id, 'Layanan Darurat 112', 'the national 112');
  assert.equal(jakarta.config.emergencyNumbers!['darurat-112'].name.id, 'Jakarta Siaga 112');
});

test("Lampung's folder holds no deletion: no null at all", () => {
  const nulls: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (node === null) nulls.push(path);
    else if (typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
  };
  for (const file of readTenantFolders(SHIPPED).folders.get('lampung')!.files) walk(file.data, file.name);
  assert.deepEqual(nulls, []);
});

test('a broken reference names tenant file, path and the unknown code', () => {
  const dir = copyOfTenants();
  edit<{ agencies: Record<string, { categories: string[] }> }>(dir, 'lampung/agencies.yaml', (d) => {
    d.agencies['dinas-bmbk'].categories.push('jalan-tol');
  });
  const [problem, ...rest] = problemsOf(dir);
  const index =
    (parse(readFileSync(join(dir, 'lampung/agencies.yaml'), 'utf8')) as { agencies: Record<string, { categories: string[] }> }).agencies[
      'dinas-bmbk'
    ].categories.length - 1;
  assert.equal(problem, `tenants/lampung/agencies.yaml: agencies.dinas-bmbk.categories[${index}]: unknown category 'jalan-tol'`);
  assert.deepEqual(rest, []);
});

test('every problem in every tenant is reported at once, each in the file it came from', () => {
  const dir = copyOfTenants();
  edit<{ branding: { colors: { primary: string } }; locale: object }>(dir, 'jakarta/tenant.yaml', (d) => {
    d.branding.colors.primary = 'blue';
    d.locale = { default: 'fr' };
  });
  edit<{ routing: { rules: Record<string, { category?: string; region?: string; agency: string }> } }>(dir, 'lampung/routing.yaml', (d) => {
    d.routing.rules['lp-extra'] = { category: 'jalan-rusak', agency: 'dinas-tidak-ada' };
  });
  edit<{ brandng?: object }>(dir, 'lampung/tenant.yaml', (d) => {
    d.brandng = { appName: 'typo' };
  });
  const problems = problemsOf(dir);
  assert.ok(
    problems.includes('tenants/jakarta/tenant.yaml: branding.colors.primary: primary must be a colour like #0a66c2'),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((p) => p.startsWith('tenants/jakarta/tenant.yaml: locale.default: ')),
    problems.join('\n'),
  );
  assert.ok(problems.includes("tenants/lampung/tenant.yaml: brandng: unknown key 'brandng'"), problems.join('\n'));
});

test('a reference error in a child names the child file, not the parent', () => {
  const dir = copyOfTenants();
  edit<{ routing: { rules: Record<string, { category?: string; region?: string; agency: string }> } }>(dir, 'lampung/routing.yaml', (d) => {
    d.routing.rules['lp-extra'] = { category: 'jalan-rusak', region: '99.99', agency: 'dinas-tidak-ada' };
  });
  assert.deepEqual(problemsOf(dir), [
    "tenants/lampung/routing.yaml: routing.rules.lp-extra.region: unknown region '99.99'",
    "tenants/lampung/routing.yaml: routing.rules.lp-extra.agency: unknown agency 'dinas-tidak-ada'",
  ]);
});

test('a host claimed by two tenants is an error', () => {
  const dir = copyOfTenants();
  edit<{ hosts: { local: string[] } }>(dir, 'lampung/tenant.yaml', (d) => {
    d.hosts.local = ['lampung.localhost', 'jakarta.localhost'];
  });
  assert.deepEqual(problemsOf(dir), [
    "tenants/lampung/tenant.yaml: hosts: host 'jakarta.localhost' is already claimed by tenant 'jakarta'",
  ]);
});

test('an extends cycle and a missing parent are errors', () => {
  const dir = copyOfTenants();
  edit<{ extends?: string }>(dir, 'jakarta/tenant.yaml', (d) => {
    d.extends = 'lampung';
  });
  edit<{ extends?: string }>(dir, 'lampung/tenant.yaml', (d) => {
    d.extends = 'jakarta';
  });
  const problems = problemsOf(dir);
  assert.ok(
    problems.some((p) =>
      /^tenants\/(jakarta|lampung)\/tenant\.yaml: extends: cycle: (jakarta -> lampung -> jakarta|lampung -> jakarta -> lampung)$/.test(p),
    ),
    problems.join('\n'),
  );
  const other = copyOfTenants();
  edit<{ extends?: string }>(other, 'lampung/tenant.yaml', (d) => {
    d.extends = 'sumatera';
  });
  assert.deepEqual(problemsOf(other), ["tenants/lampung/tenant.yaml: extends: unknown tenant 'sumatera'"]);
});

test('a YAML syntax error names the file and line', () => {
  const dir = copyOfTenants();
  writeFileSync(join(dir, 'lampung/routing.yaml'), 'routing:\n  rules: {\n    a: [\n');
  const problems = problemsOf(dir);
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /^tenants\/lampung\/routing\.yaml: YAML line \d+, column \d+: /);
});

test('a tenant template that writes raw (unescaped) output is refused', () => {
  const dir = copyOfTenants();
  mkdirSync(join(dir, 'lampung/templates/partials'), { recursive: true });
  writeFileSync(join(dir, 'lampung/templates/partials/header.hbs'), '<header>{{{site.appName}}}</header>');
  writeFileSync(join(dir, 'lampung/templates/partials/tile.hbs'), '<b>{{& title}}</b>');
  assert.deepEqual(problemsOf(dir).sort(), [
    'tenants/lampung/templates/partials/header.hbs: raw output ({{{ }}} or {{& }}) is not allowed in tenant templates: text from config or users must be escaped',
    'tenants/lampung/templates/partials/tile.hbs: raw output ({{{ }}} or {{& }}) is not allowed in tenant templates: text from config or users must be escaped',
  ]);
});
