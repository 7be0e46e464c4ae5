import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startPlatform } from '../support/platform';
import { ROOT, tenantCli, tenantsCopy } from './cli-runner';

const STACK = /ExceptionHandler|\n\s+at |node:internal|\.js:\d+:\d+/;

/** Boots the platform (dist/apps/platform/src/main.js) in its own process; it must refuse, so it exits by itself. */
function boot(env: NodeJS.ProcessEnv) {
  // A variable given as undefined is left out (DATABASE_URL: undefined boots on the embedded database).
  const full = Object.fromEntries(
    Object.entries({ ...process.env, PORT: '0', NODE_ENV: 'test', ...env }).filter(([, v]) => v !== undefined),
  );
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'apps', 'platform', 'src', 'main.js')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: full,
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

test(
  'a second platform on an embedded data dir that a running one holds refuses in one message naming the dir and the holder',
  { timeout: 120_000 },
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'replika-locked-'));
    const first = await startPlatform({ DATA_DIR: dataDir, DATABASE_URL: undefined });
    try {
      const res = boot({ DATA_DIR: dataDir, DATABASE_URL: undefined });
      assert.equal(res.code, 1, res.stdout + res.stderr);
      assert.match(
        res.stderr,
        new RegExp(`embedded database in ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S* is in use by process ${process.pid}`),
      );
      assert.match(res.stderr, /stop it first, or set DATABASE_URL/);
      assert.doesNotMatch(res.stderr + res.stdout, STACK);
    } finally {
      await first.close();
    }
    // Once the first has stopped, the folder is free again (the lock went with it).
    const second = await startPlatform({ DATA_DIR: dataDir, DATABASE_URL: undefined });
    await second.close();
  },
);

test('an invalid tenant refuses the boot naming the file, without stack frames', (t) => {
  const dir = tenantsCopy(t);
  writeFileSync(join(dir, 'lampung', 'routing.yaml'), 'routing: [unclosed\n');
  const res = boot({ TENANTS_DIR: dir, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
  assert.equal(res.code, 1);
  assert.match(res.stderr, /lampung\/routing\.yaml/);
  assert.doesNotMatch(res.stderr + res.stdout, STACK);
});

test('api-key issue without SESSION_SECRET in production: one message naming the variable', () => {
  const res = tenantCli(['api-key', 'issue', 'jakarta', '--name', 'FixMyStreet'], {
    NODE_ENV: 'production',
    SESSION_SECRET: '',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
  });
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
