import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, tenantCli, tenantsCopy } from './cli-runner';

const STACK = /ExceptionHandler|\n\s+at |node:internal|\.js:\d+:\d+/;

/** Boots the platform (dist/apps/platform/src/main.js) in its own process; it must refuse, so it exits by itself. */
function boot(env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'apps', 'platform', 'src', 'main.js')], {
    cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PORT: '0', NODE_ENV: 'test', ...env },
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

for (const slug of ['jakarta', 'lampung']) {
  test(`validate compiles ${slug}'s templates and names the broken file; the boot refuses it in one clean message`, (t) => {
    const dir = tenantsCopy(t);
    mkdirSync(join(dir, slug, 'templates', 'partials'), { recursive: true });
    writeFileSync(join(dir, slug, 'templates', 'partials', 'footer.hbs'), '<footer>{{#if site.appName}}tutup</footer>\n');
    const res = tenantCli(['validate', '--dir', dir]);
    assert.equal(res.code, 1);
    assert.match(res.stdout, new RegExp(`${slug}/templates/partials/footer\\.hbs: template does not compile: Parse error on line`));
    const one = tenantCli(['validate', slug, '--dir', dir]);
    assert.equal(one.code, 1);
    assert.match(one.stdout, /footer\.hbs: template does not compile/);

    const refused = boot({ TENANTS_DIR: dir, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /footer\.hbs: template does not compile/);
    assert.doesNotMatch(refused.stderr + refused.stdout, STACK);
  });
}

test('the shipped tenants and base views validate', () => {
  const res = tenantCli(['validate']);
  assert.equal(res.code, 0, res.stdout);
});

test('an invalid environment refuses the boot naming the variable, without stack frames', () => {
  const res = boot({ DATABASE_POOL_SIZE: 'many', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
  assert.equal(res.code, 1);
  assert.match(res.stderr, /DATABASE_POOL_SIZE/);
  assert.doesNotMatch(res.stderr + res.stdout, STACK);
});

test('an invalid tenant refuses the boot naming the file, without stack frames', (t) => {
  const dir = tenantsCopy(t);
  writeFileSync(join(dir, 'lampung', 'routing.yaml'), 'routing: [unclosed\n');
  const res = boot({ TENANTS_DIR: dir, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
  assert.equal(res.code, 1);
  assert.match(res.stderr, /lampung\/routing\.yaml/);
  assert.doesNotMatch(res.stderr + res.stdout, STACK);
});

test('api-key issue without SESSION_SECRET in production: one message naming the variable', () => {
  const res = tenantCli(['api-key', 'issue', 'jakarta', '--name', 'FixMyStreet'], { NODE_ENV: 'production', SESSION_SECRET: '', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
  assert.equal(res.code, 1);
  assert.match(res.stderr, /^error: .*\n\s+SESSION_SECRET: /);
  assert.doesNotMatch(res.stderr + res.stdout, STACK);
});

test('api-key on a database that cannot be reached: one message, no stack frames', () => {
  const res = tenantCli(['api-key', 'list', 'jakarta'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
  assert.equal(res.code, 1);
  assert.match(res.stderr, /^error: /);
  assert.doesNotMatch(res.stderr + res.stdout, STACK);
});
