import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessibleVariant, contrastRatio, textColorOn } from './contrast';

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
