/** The geometry of a small trend chart, drawn by the template as an SVG polyline (numbers only, so nothing needs raw output). */
export interface Sparkline {
  width: number;
  height: number;
  /** `x,y x,y …` in the viewBox. */
  points: string;
  /** The last point, marked with a dot. */
  last: { x: number; y: number };
  /** -1 falling, 0 flat, 1 rising (first to last). */
  direction: -1 | 0 | 1;
}

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 3;

/** A sparkline of `values` (oldest first); null with fewer than two. */
export function sparkline(values: number[]): Sparkline | null {
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = (WIDTH - 2 * PAD) / (values.length - 1);
  const coords = values.map((v, i) => ({
    x: round(PAD + i * step),
    // A flat series sits in the middle rather than on the floor.
    y: round(max === min ? HEIGHT / 2 : HEIGHT - PAD - ((v - min) / span) * (HEIGHT - 2 * PAD)),
  }));
  const first = values[0];
  const lastValue = values[values.length - 1];
  return {
    width: WIDTH,
    height: HEIGHT,
    points: coords.map((c) => `${c.x},${c.y}`).join(' '),
    last: coords[coords.length - 1],
    direction: lastValue > first ? 1 : lastValue < first ? -1 : 0,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
