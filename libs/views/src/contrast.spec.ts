import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contrastRatio, readableOn } from './contrast';

test('contrast ratios match WCAG reference values', () => {
  assert.equal(Math.round(contrastRatio('#000000', '#ffffff') * 10) / 10, 21);
  assert.equal(Math.round(contrastRatio('#777777', '#ffffff') * 100) / 100, 4.48);
  assert.equal(contrastRatio('#fff', '#ffffff'), 1);
});

test('a colour that fails for text is corrected until it passes, one that passes is kept', () => {
  assert.equal(readableOn('#1565c0', '#ffffff'), '#1565c0');
  const fixed = readableOn('#f57c00', '#ffffff');
  assert.notEqual(fixed, '#f57c00');
  assert.ok(contrastRatio(fixed, '#ffffff') >= 4.5, fixed);
  assert.ok(contrastRatio('#f57c00', '#ffffff') < 4.5);
  // On a dark background the colour is lightened instead.
  const light = readableOn('#333399', '#101010');
  assert.ok(contrastRatio(light, '#101010') >= 4.5, light);
  assert.equal(readableOn('not-a-colour', '#ffffff'), 'not-a-colour');
});
