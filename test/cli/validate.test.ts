import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTestPlace } from '../support/place';
import { editYaml, ROOT, tenantCli, tenantsCopy } from './cli-runner';

test('validate passes on the shipped tenants', () => {
  const r = tenantCli(['validate', '--dir', join(ROOT, 'tenants')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^2 tenants valid$/m);
});

test('validate reports an unknown agency category with its file and path', (t) => {
  const dir = tenantsCopy(t);
  let index = -1;
  editYaml<{ agencies: Record<string, { categories: string[] }> }>(join(dir, 'lampung', 'agencies.yaml'), (d) => {
    index = d.agencies['dinas-bmbk'].categories.push('jalan-tol') - 1;
  });
  const r = tenantCli(['validate', '--dir', dir]);
  assert.equal(r.code, 1);
  assert.ok(r.stdout.includes(`lampung/agencies.yaml: agencies.dinas-bmbk.categories[${index}]: unknown category 'jalan-tol'\n`), r.stdout);
  assert.match(r.stdout, /^1 problem in 1 tenant$/m);
  assert.equal(tenantCli(['validate', 'jakarta', '--dir', dir]).code, 0, 'jakarta does not inherit from lampung');
});

test('validate reports a cycle in extends', (t) => {
  const dir = tenantsCopy(t);
  editYaml<{ extends?: string }>(join(dir, 'jakarta', 'tenant.yaml'), (d) => (d.extends = 'lampung'));
  editYaml<{ extends?: string }>(join(dir, 'lampung', 'tenant.yaml'), (d) => (d.extends = 'jakarta'));
  const r = tenantCli(['validate', '--dir', dir]);
  assert.equal(r.code, 1);
  assert.ok(r.stdout.includes('/tenant.yaml: extends: cycle: jakarta -> lampung -> jakarta'), r.stdout);
  assert.match(r.stdout, /^2 problems in 2 tenants$/m);
});

test('validate reports a missing parent, only for the tenants that extend it', (t) => {
  const dir = tenantsCopy(t);
  editYaml<{ extends?: string }>(join(dir, 'lampung', 'tenant.yaml'), (d) => (d.extends = 'sumatra'));
  const r = tenantCli(['validate', 'lampung', '--dir', dir]);
  assert.equal(r.code, 1);
  assert.ok(r.stdout.includes("lampung/tenant.yaml: extends: unknown tenant 'sumatra'"), r.stdout);
  assert.equal(tenantCli(['validate', 'jakarta', '--dir', dir]).code, 0);
});

test('validate reports a host claimed by two tenants', (t) => {
  const dir = tenantsCopy(t);
  editYaml<{ hosts: { aliases: string[] } }>(join(dir, 'lampung', 'tenant.yaml'), (d) => d.hosts.aliases.push('jaki.jakarta.go.id'));
  const r = tenantCli(['validate', '--dir', dir]);
  assert.equal(r.code, 1);
  assert.ok(r.stdout.includes("lampung/tenant.yaml: hosts: host 'jaki.jakarta.go.id' is already claimed by tenant 'jakarta'"), r.stdout);
});

test('validate <slug> reports a host clash against that tenant even when it sorts first', (t) => {
  const dir = tenantsCopy(t);
  mkdirSync(join(dir, 'aceh'));
  writeFileSync(
    join(dir, 'aceh', 'tenant.yaml'),
    'extends: jakarta\nname: Provinsi Aceh\nhosts: { primary: aceh.example.id, aliases: [], local: [jakarta.localhost] }\nbranding: { appName: Aceh }\n',
  );
  writeTestPlace(join(dir, 'aceh'), 'AC');
  const r = tenantCli(['validate', 'aceh', '--dir', dir]);
  assert.equal(r.code, 1);
  assert.ok(r.stdout.includes("aceh/tenant.yaml: hosts: host 'jakarta.localhost' is already claimed by tenant 'jakarta'"), r.stdout);
});

test('validate of an unknown tenant is an error', (t) => {
  const r = tenantCli(['validate', 'papua', '--dir', tenantsCopy(t)]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unknown tenant 'papua'/);
});

test('validate <parent> also validates every tenant that extends it, naming the tenant a change breaks', (t) => {
  const dir = tenantsCopy(t);
  // Banten extends Jakarta with its own place and a simpler workflow (no "follow-up rejected" status).
  mkdirSync(join(dir, 'banten'));
  writeFileSync(
    join(dir, 'banten', 'tenant.yaml'),
    'extends: jakarta\nname: Provinsi Banten\nhosts: { primary: banten.example.id }\nbranding: { appName: Banten-Ku }\n',
  );
  writeTestPlace(join(dir, 'banten'), 'BT');
  writeFileSync(
    join(dir, 'banten', 'workflow.yaml'),
    [
      'workflow:',
      '  statuses: { tl-ditolak: null }',
      '  actions:',
      '    tolak-tindak-lanjut: null',
      '    tindak-lanjut: { from: [proses] }',
      '    koordinasi: { from: [menunggu, koordinasi, disposisi, proses] }',
    ].join('\n') + '\n',
  );
  assert.equal(tenantCli(['validate', 'jakarta', '--dir', dir]).code, 0);
  // A change valid for Jakarta: an appeal from "follow-up rejected", a status Jakarta has.
  writeFileSync(
    join(dir, 'jakarta', 'workflow.yaml'),
    'workflow:\n  actions:\n    banding: { name: { id: Banding }, kind: progress, from: [tl-ditolak], to: proses, roles: [validator] }\n',
  );
  const r = tenantCli(['validate', 'jakarta', '--dir', dir]);
  assert.equal(r.code, 1);
  assert.ok(
    r.stdout.includes(
      "banten: tenants/jakarta/workflow.yaml: workflow.actions.banding.from[0]: unknown status 'tl-ditolak' (removed by tenants/banten/workflow.yaml)\n",
    ) ||
      new RegExp(
        "^banten: \\S*tenants/jakarta/workflow\\.yaml: workflow\\.actions\\.banding\\.from\\[0\\]: unknown status 'tl-ditolak' \\(removed by \\S*tenants/banten/workflow\\.yaml\\)$",
        'm',
      ).test(r.stdout),
    r.stdout,
  );
  assert.match(r.stdout, /^1 problem in 1 tenant$/m);
  // The national base: validating it validates every province on it.
  editYaml<{ workflow: { statuses: Record<string, { state: string }> } }>(
    join(dir, 'indonesia', 'workflow.yaml'),
    (d) => (d.workflow.statuses.menunggu.state = 'pending'),
  );
  const base = tenantCli(['validate', 'indonesia', '--dir', dir]);
  assert.equal(base.code, 1);
  assert.match(
    base.stdout,
    /^indonesia, jakarta, lampung, banten: \S*tenants\/indonesia\/workflow\.yaml: workflow\.statuses\.menunggu\.state: /m,
  );
});
