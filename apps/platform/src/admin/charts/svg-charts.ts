/**
 * Chart geometry for the dashboard, drawn server-side as SVG by the
 * `chart-*` partials (no script, no raw output: every label is escaped by the
 * template). Each chart carries a title and a description for assistive
 * technology and its numbers as a table, the chart's text alternative.
 */

export interface Series {
  name: string;
  /** A CSS class suffix for the fill: `status-3`, `series-1`. */
  tone: string;
  values: number[];
}

const W = 360;
const H = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 32 };

/** A round axis maximum (1, 2, 5 × 10ⁿ) at or above `max`, and its ticks. */
export function niceScale(max: number, ticks = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? raw;
  const top = Math.ceil(max / step) * step;
  const out: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}

/** Columns stacked per series over the given buckets (weeks), with the counts as a table. */
export function stackedColumns(input: {
  id: string;
  title: string;
  desc: string;
  buckets: string[];
  series: Series[];
  totalLabel: string;
  bucketLabel: string;
}) {
  const { buckets, series } = input;
  const totals = buckets.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const ticks = niceScale(Math.max(0, ...totals));
  const top = ticks[ticks.length - 1];
  const plotH = H - PAD.top - PAD.bottom;
  const plotW = W - PAD.left - PAD.right;
  const slot = plotW / Math.max(1, buckets.length);
  const barW = Math.min(48, slot * 0.6);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const bars = buckets.flatMap((bucket, i) => {
    let base = 0;
    const x = PAD.left + slot * i + (slot - barW) / 2;
    return series.flatMap((s) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return [];
      const rect = {
        x: round(x),
        y: round(y(base + v)),
        width: round(barW),
        height: round(y(base) - y(base + v)),
        tone: s.tone,
        label: `${bucket}: ${s.name} ${v}`,
      };
      base += v;
      return [rect];
    });
  });
  return {
    id: input.id,
    title: input.title,
    desc: input.desc,
    width: W,
    height: H,
    bars,
    yTicks: ticks.map((t) => ({ y: round(y(t)), text: String(t), x: PAD.left - 4, lineX1: PAD.left, lineX2: W - PAD.right })),
    xLabels: buckets.map((b, i) => ({ x: round(PAD.left + slot * i + slot / 2), y: H - 8, text: b })),
    legend: series.filter((s) => s.values.some((v) => v > 0)).map((s) => ({ name: s.name, tone: s.tone })),
    table: {
      head: [input.bucketLabel, ...series.map((s) => s.name), input.totalLabel],
      rows: buckets.map((b, i) => ({ label: b, cells: [...series.map((s) => s.values[i] ?? 0), totals[i]] })),
    },
    empty: totals.every((t) => t === 0),
  };
}

/** One horizontal bar per row, its label above it and its value at its end: readable at 390 px. */
export function labelledBars(input: {
  id: string;
  title: string;
  desc: string;
  rows: { label: string; value: number; text: string; tone: string }[];
  max: number;
}) {
  const rowH = 40;
  const labelW = W - 16;
  const height = Math.max(1, input.rows.length) * rowH + 8;
  return {
    id: input.id,
    title: input.title,
    desc: input.desc,
    width: W,
    height,
    rows: input.rows.map((r, i) => {
      const y = 8 + i * rowH;
      const width = input.max > 0 ? Math.max(2, (r.value / input.max) * (labelW - 64)) : 2;
      return {
        label: r.label,
        text: r.text,
        tone: r.tone,
        labelY: y + 12,
        barY: y + 18,
        barW: round(width),
        valueX: round(width + 6),
        valueY: y + 30,
      };
    }),
    empty: input.rows.length === 0,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
