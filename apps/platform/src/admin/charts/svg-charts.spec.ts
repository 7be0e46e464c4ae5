import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelledBars, niceScale, stackedColumns } from './svg-charts';

test('axis maxima are round numbers at or above the largest value', () => {
  assert.deepEqual(niceScale(7), [0, 2, 4, 6, 8]);
  assert.deepEqual(niceScale(0), [0, 1]);
  assert.equal(niceScale(130).at(-1), 150);
});

test('stacked columns: each bucket stacks its series to the total, and the table carries every number', () => {
  const chart = stackedColumns({
    id: 'c',
    title: 't',
    desc: 'd',
    buckets: ['1 Nov', '8 Nov'],
    totalLabel: 'Total',
    bucketLabel: 'Minggu',
    series: [
      { name: 'Menunggu', tone: 'status-0', values: [2, 0] },
      { name: 'Selesai', tone: 'status-6', values: [3, 1] },
    ],
  });
  assert.equal(chart.bars.length, 3, 'a zero draws no bar');
  const first = chart.bars.filter((b) => b.label.startsWith('1 Nov'));
  // The stack's top is the total (5) on an axis to 6: the two bars touch and together reach y(5).
  assert.equal(first[0].y, first[1].y + first[1].height);
  assert.deepEqual(chart.table.rows[0].cells, [2, 3, 5]);
  assert.deepEqual(
    chart.legend.map((l) => l.name),
    ['Menunggu', 'Selesai'],
  );
});

test('labelled bars are proportional to the largest value', () => {
  const chart = labelledBars({
    id: 'b',
    title: 't',
    desc: 'd',
    max: 100,
    rows: [
      { label: 'A', value: 100, text: '100%', tone: 'ok' },
      { label: 'B', value: 50, text: '50%', tone: 'bad' },
    ],
  });
  assert.equal(chart.rows[1].barW * 2, chart.rows[0].barW);
});
