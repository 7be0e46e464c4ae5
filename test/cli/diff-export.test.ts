import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { TenantConfig } from '@app/tenancy';
import { editYaml, tenantCli, tenantsCopy, yamlConfig } from './cli-runner';

test('diff jakarta lampung is the patch lampung applies, appName included', (t) => {
  const dir = tenantsCopy(t);
  const yaml = tenantCli(['diff', 'jakarta', 'lampung', '--dir', dir]);
  assert.equal(yaml.code, 0, yaml.stderr);
  assert.match(yaml.stdout, /^ {2}appName: Lampung-In$/m);
  const json = JSON.parse(tenantCli(['diff', 'jakarta', 'lampung', '--json', '--dir', dir]).stdout) as TenantConfig;
  assert.equal(json.branding.appName, 'Lampung-In');
  assert.equal(json.extends, undefined, 'both extend indonesia');
  assert.equal(json.categories['pipa-air-bocor'], null);
  assert.equal(tenantCli(['diff', 'lampung', 'lampung', '--dir', dir]).stdout, 'no differences\n');
});

test('export prints the merged config: inherited categories, not removed agencies', (t) => {
  const r = tenantCli(['export', 'lampung', '--dir', tenantsCopy(t)]);
  assert.equal(r.code, 0, r.stderr);
  const config = yamlConfig(r.stdout);
  assert.equal(config.extends, undefined);
  assert.equal(config.branding.appName, 'Lampung-In');
  assert.equal(config.branding.colors.text, '#1f2933', "the national base's colour where Lampung sets none");
  assert.ok(config.categories['jalan-rusak'], 'the national category is inherited');
  assert.equal(config.categories['pipa-air-bocor'], undefined, "Jakarta's own category is not Lampung's");
  assert.equal(config.agencies['dinas-bina-marga'], undefined, "Jakarta's agencies are not Lampung's");
  assert.ok(config.agencies['dinas-bmbk']);
});

test('export --out writes a standalone folder that validates as another tenant', (t) => {
  const dir = tenantsCopy(t);
  const out = join(dirname(dir), 'export');
  const r = tenantCli(['export', 'lampung', '--out', out, '--dir', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(yamlConfig(readFileSync(join(out, 'tenant.yaml'), 'utf8')).branding.appName, 'Lampung-In');
  for (const key of ['regions', 'agencies', 'categories', 'routing']) {
    const text = readFileSync(join(out, `${key}.yaml`), 'utf8');
    assert.ok(text.startsWith('# yaml-language-server: $schema=../tenant.schema.json\n'));
    assert.deepEqual(Object.keys(parse(text) as object), [key]);
  }
  assert.equal(
    (parse(readFileSync(join(out, 'locales', 'en.yaml'), 'utf8')) as { footer: { citizenServices: string } }).footer.citizenServices,
    '{tenant.appName}: citizen services of {tenant.name}',
  );
  readFileSync(join(out, 'templates', 'partials', 'footer.hbs'));
  readFileSync(join(out, 'assets', 'logo.svg'));

  const again = tenantCli(['export', 'lampung', '--out', out, '--dir', dir]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /not an empty folder/);

  renameSync(out, join(dir, 'lampung-copy'));
  editYaml<{ hosts: object }>(join(dir, 'lampung-copy', 'tenant.yaml'), (d) => {
    d.hosts = { primary: 'copy.example.id', local: ['lampung-copy.localhost'] };
  });
  const validated = tenantCli(['validate', '--dir', dir]);
  assert.equal(validated.code, 0, validated.stdout);
  const diff = JSON.parse(tenantCli(['diff', 'lampung', 'lampung-copy', '--json', '--dir', dir]).stdout) as object;
  assert.deepEqual(Object.keys(diff).sort(), ['extends', 'hosts'], 'nothing but the hosts and the parent changed');
});

test('export refuses an invalid tenant with its problems', (t) => {
  const dir = tenantsCopy(t);
  mkdirSync(join(dir, 'aceh'));
  writeFileSync(join(dir, 'aceh', 'tenant.yaml'), 'extends: sumatra\n');
  const r = tenantCli(['export', 'aceh', '--dir', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /tenant 'aceh' is invalid:\n.*extends: unknown tenant 'sumatra'/);
});
