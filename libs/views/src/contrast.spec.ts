import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contrastRatio, readableOn, readableOn as accessibleVariant, textColorOn } from './contrast';

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

test('contrast ratios match WCAG: black on white 21:1, equal colours 1:1, #767676 on white just AA', () => {
  assert.equal(contrastRatio('#000000', '#ffffff'), 21);
  assert.equal(contrastRatio('#1565c0', '#1565c0'), 1);
  assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.54) < 0.01);
});

test('text on a yellow primary is dark, on a dark blue primary white', () => {
  assert.equal(textColorOn('#ffe066'), '#111111');
  assert.equal(textColorOn('#1565c0'), '#ffffff');
});

test('a yellow primary is darkened, keeping its hue, until it reads on white', () => {
  const fixed = accessibleVariant('#ffe066', '#ffffff');
  assert.ok(contrastRatio(fixed, '#ffffff') >= 4.5);
  assert.ok(contrastRatio(fixed, '#ffffff') < 5.2, 'no darker than needed');
  assert.equal(accessibleVariant('#0b6e4f', '#ffffff'), '#0b6e4f');
});
