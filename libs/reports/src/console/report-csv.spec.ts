import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeCell } from './report-csv';

test('a text cell that a spreadsheet would run as a formula is defused; other text is untouched', () => {
  for (const danger of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) assert.equal(safeCell(danger), `'${danger}`);
  for (const plain of ['Jalan berlubang', '1 = 1', 'a@b.id', '']) assert.equal(safeCell(plain), plain);
});
