import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveDiffs } from './config-history';
import { retiredAgencies } from './tenant-proposal';

const baseline = { branding: { appName: 'A', colors: { primary: '#000000' } }, agencies: { x: { name: 'X' }, y: { name: 'Y' } } };

test('each revision diff is its change to the effective config, not its whole overlay', () => {
  const diffs = effectiveDiffs(baseline, [
    { revision: 2, patch: { branding: { appName: 'B' }, agencies: { y: null } } },
    { revision: 1, patch: { branding: { appName: 'B' } } },
    { revision: 3, patch: {} },
  ]);
  assert.deepEqual(diffs.get(1)?.diff, { branding: { appName: 'B' } });
  assert.deepEqual(diffs.get(2)?.diff, { agencies: { y: null } });
  // A rollback to the folders undoes both.
  assert.deepEqual(diffs.get(3)?.diff, { branding: { appName: 'A' }, agencies: { y: { name: 'Y' } } });
});

test('the changes of a revision read old → new, value by value', () => {
  const diffs = effectiveDiffs(baseline, [
    { revision: 1, patch: { branding: { appName: 'B', colors: { primary: '#ffffff' } }, agencies: { y: null, z: { name: 'Z' } } } },
  ]);
  assert.deepEqual(diffs.get(1)?.changes, [
    { path: ['branding', 'appName'], from: 'A', to: 'B' },
    { path: ['branding', 'colors', 'primary'], from: '#000000', to: '#ffffff' },
    { path: ['agencies', 'y'], from: { name: 'Y' }, to: undefined },
    { path: ['agencies', 'z'], from: undefined, to: { name: 'Z' } },
  ]);
});

test('retired agencies are those gone from the effective config, even one that does not validate', () => {
  assert.deepEqual(retiredAgencies(baseline, { agencies: { x: {} } }), ['y']);
  assert.deepEqual(retiredAgencies(baseline, {}), ['x', 'y']);
  assert.deepEqual(retiredAgencies(baseline, baseline), []);
});
