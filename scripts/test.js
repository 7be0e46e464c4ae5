#!/usr/bin/env node
// Runs every compiled test with Node's test runner: specs beside the code
// (dist/**/*.spec.js) and the HTTP, database and browser tests (dist/test/**/*.test.js).
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const only = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(spec|test)\.js$/.test(entry)) files.push(path);
  }
})(join(root, 'dist'));
const selected = files.sort().filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
if (selected.length === 0) {
  console.error('no test files found (did the build run?)');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...selected], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(result.status ?? 1);
