import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tenantCli, tenantsCopy } from './cli-runner';

const BALI = ['create', 'bali', '--from', 'lampung', '--name', 'Provinsi Bali', '--host', 'bali.example.id', '--app-name', 'Bali Kita'];

test('list shows one line per tenant, honouring TENANTS_DIR', (t) => {
  const r = tenantCli(['list'], { TENANTS_DIR: tenantsCopy(t) });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[1], /^lampung\s+Provinsi Lampung\s+Lampung-In\s+indonesia\s+lampungin\.lampungprov\.go\.id\s+lampung\.localhost\s+reports,emergency,directory$/);
});

test('create from a province alone is refused: place is never inherited, and the message says how to fill it', (t) => {
  const dir = tenantsCopy(t);
  const created = tenantCli([...BALI, '--dir', dir]);
  assert.equal(created.code, 1, created.stdout + created.stderr);
  for (const place of ['area', 'regions', 'agencies', 'routing', 'reports.ticketPrefix']) {
    assert.match(created.stderr, new RegExp(`^bali: \\S*bali/\\w+\\.yaml: ${place.replace('.', '\\.')}: missing: .* place is never inherited from 'lampung'\\. ` +
      'Generate it with `npm run tenant -- create bali --from lampung --province <code\\|name>`', 'm'));
  }
  assert.ok(!existsSync(join(dir, 'bali')));
});

test('create refuses an existing slug, a missing parent, a claimed host and a bad slug', (t) => {
  const dir = tenantsCopy(t);
  const refused = (args: string[], message: RegExp) => {
    const r = tenantCli([...args, '--dir', dir]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, message);
  };
  refused(['create', 'lampung', '--from', 'jakarta', '--name', 'X', '--host', 'x.example.id'], /lampung already exists/);
  refused(['create', 'bali', '--from', 'sumatra', '--name', 'X', '--host', 'x.example.id'], /unknown parent tenant 'sumatra'/);
  refused(['create', 'bali', '--from', 'jakarta', '--name', 'X', '--host', 'jaki.jakarta.go.id'], /host 'jaki.jakarta.go.id' is already claimed by tenant 'jakarta'/);
  refused(['create', 'Bali', '--from', 'jakarta', '--name', 'X', '--host', 'x.example.id'], /invalid slug 'Bali'/);
  assert.ok(!existsSync(join(dir, 'bali')) && !existsSync(join(dir, 'Bali')));
});

test('create removes a tenant that would not validate', (t) => {
  const dir = tenantsCopy(t);
  const r = tenantCli(['create', 'bali', '--from', 'jakarta', '--name', 'X', '--host', 'Not_A_Host', '--dir', dir]);
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
  assert.match(tenantCli(['create', 'bali', '--from', 'jakarta', '--dir', tenantsCopy(t)]).stderr, /missing --name/);
});
