import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { tenantCli, tenantsCopy, yamlConfig } from './cli-runner';

const BALI = [
  'create',
  'bali',
  '--from',
  'lampung',
  '--province',
  '51',
  '--name',
  'Provinsi Bali',
  '--host',
  'bali.example.id',
  '--app-name',
  'Bali Kita',
];

test('list shows one line per tenant, honouring TENANTS_DIR', (t) => {
  const r = tenantCli(['list'], { TENANTS_DIR: tenantsCopy(t) });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(
    lines[1],
    /^lampung\s+Provinsi Lampung\s+Lampung-In\s+indonesia\s+lampungin\.lampungprov\.go\.id\s+lampung\.localhost\s+reports,emergency,directory,feeds$/,
  );
});

test('create writes a tenant with the place of its province and the app of its parent, that validates and is listed', (t) => {
  const dir = tenantsCopy(t);
  const created = tenantCli([...BALI, '--dir', dir]);
  assert.equal(created.code, 0, created.stdout + created.stderr);
  const text = readFileSync(join(dir, 'bali', 'tenant.yaml'), 'utf8');
  assert.ok(text.startsWith('# yaml-language-server: $schema=../tenant.schema.json\n'));
  assert.deepEqual(parse(text), {
    extends: 'lampung',
    name: 'Provinsi Bali',
    hosts: { primary: 'bali.example.id', aliases: [], local: ['bali.localhost'] },
    timezone: 'Asia/Makassar',
    area: { south: -8.9, west: 114.4, north: -8.05, east: 115.75 },
    branding: {
      appName: 'Bali Kita',
      tagline: { id: 'Layanan warga Provinsi Bali dalam satu aplikasi', en: 'Provinsi Bali citizen services in one app' },
    },
  });
  // The place comes from the reference data: Bali's kabupaten/kota and kecamatan, its own agencies and routing.
  const regions = yamlConfig(readFileSync(join(dir, 'bali', 'regions.yaml'), 'utf8')).regions;
  assert.equal(regions['51.71'].name, 'Kota Denpasar');
  assert.equal(regions['51.71.01'].parent, '51.71');
  assert.ok(
    Object.keys(regions).every((code) => code === '51' || code.startsWith('51.')),
    'nothing of another province',
  );
  const agencies = yamlConfig(readFileSync(join(dir, 'bali', 'agencies.yaml'), 'utf8')).agencies;
  assert.equal(agencies['pemkot-denpasar'].name, 'Pemerintah Kota Denpasar');
  assert.equal(agencies['dinas-pupr'].name, 'Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Bali');
  const routing = yamlConfig(readFileSync(join(dir, 'bali', 'routing.yaml'), 'utf8')).routing;
  assert.equal(routing.rules['jalan-rusak'].agency, 'dinas-pupr');
  assert.equal(routing.fallback, 'biro-pemerintahan');
  assert.equal(yamlConfig(readFileSync(join(dir, 'bali', 'reports.yaml'), 'utf8')).reports.ticketPrefix, 'BL');
  for (const sub of ['templates', 'locales', 'assets']) assert.ok(existsSync(join(dir, 'bali', sub, '.gitkeep')));

  const validated = tenantCli(['validate', '--dir', dir]);
  assert.equal(validated.code, 0, validated.stdout);
  assert.match(validated.stdout, /^3 tenants valid$/m);
  assert.match(
    tenantCli(['list', '--dir', dir]).stdout,
    /^bali\s+Provinsi Bali\s+Bali Kita\s+lampung\s+bali\.example\.id\s+bali\.localhost\s/m,
  );
});

test('create refuses an existing slug, a missing parent, a claimed host and a bad slug', (t) => {
  const dir = tenantsCopy(t);
  const refused = (args: string[], message: RegExp) => {
    const r = tenantCli([...args, '--dir', dir]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, message);
  };
  refused(
    ['create', 'lampung', '--from', 'jakarta', '--province', '51', '--name', 'X', '--host', 'x.example.id'],
    /lampung already exists/,
  );
  refused(
    ['create', 'bali', '--from', 'sumatra', '--province', '51', '--name', 'X', '--host', 'x.example.id'],
    /unknown parent tenant 'sumatra'/,
  );
  refused(
    ['create', 'bali', '--from', 'jakarta', '--province', '51', '--name', 'X', '--host', 'jaki.jakarta.go.id'],
    /host 'jaki.jakarta.go.id' is already claimed by tenant 'jakarta'/,
  );
  refused(['create', 'Bali', '--from', 'jakarta', '--province', '51', '--name', 'X', '--host', 'x.example.id'], /invalid slug 'Bali'/);
  refused(
    ['create', 'bali', '--from', 'jakarta', '--province', 'Atlantis', '--host', 'x.example.id'],
    /unknown province 'Atlantis'.*\n(.*\n)* {2}51 {2}Bali/,
  );
  refused(
    ['create', 'lampung2', '--from', 'jakarta', '--province', 'lampung', '--host', 'x.example.id'],
    /province 18 \(Lampung\) is already served by tenant 'lampung'/,
  );
  assert.ok(!existsSync(join(dir, 'bali')) && !existsSync(join(dir, 'Bali')));
});

test('create removes a tenant that would not validate', (t) => {
  const dir = tenantsCopy(t);
  const r = tenantCli(['create', 'bali', '--from', 'jakarta', '--province', '51', '--name', 'X', '--host', 'Not_A_Host', '--dir', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /bali\/tenant.yaml: hosts.primary: primary must be a lower-case host name/);
  assert.ok(!existsSync(join(dir, 'bali')));
});

test('usage errors exit with code 2', (t) => {
  assert.equal(tenantCli([]).code, 2);
  assert.equal(tenantCli(['--help']).code, 0);
  assert.equal(tenantCli(['create', '--help']).code, 0);
  const unknown = tenantCli(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  assert.equal(tenantCli(['list', '--verbose']).code, 2);
  assert.equal(tenantCli(['diff', 'jakarta']).code, 2);
  assert.match(tenantCli(['create', 'bali', '--from', 'jakarta', '--dir', tenantsCopy(t)]).stderr, /missing --host/);
  assert.match(
    tenantCli(['create', 'bali', '--from', 'jakarta', '--host', 'x.example.id', '--dir', tenantsCopy(t)]).stderr,
    /missing --province/,
  );
});
