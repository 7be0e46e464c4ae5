/**
 * WCAG 2.2 contrast for tenant colours. A tenant's colour is data, not a
 * promise: text drawn in it (links, headings, the header's white text on it)
 * must reach 4.5:1, so a colour that fails is darkened (or lightened) by
 * computation until it passes, keeping its hue. Shared by the citizen pages
 * and the admin branding editor.
 */

export const AA_TEXT = 4.5;

type Rgb = [number, number, number];

export function parseHex(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const h =
    m[1].length === 3
      ? m[1]
          .split('')
          .map((c) => c + c)
          .join('')
      : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b]
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Relative luminance (WCAG 2.x definition). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return 1;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * `colour` itself when it reaches `min` against `against`; otherwise the
 * closest colour of the same hue that does, mixed towards black (or towards
 * white on a dark `against`). Unparseable input comes back unchanged.
 */
export function readableOn(colour: string, against: string, min = AA_TEXT): string {
  const c = parseHex(colour);
  const bg = parseHex(against);
  if (!c || !bg) return colour;
  if (contrastRatio(colour, against) >= min) return toHex(c);
  const target: Rgb = luminance(bg) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  for (let step = 1; step <= 100; step++) {
    const t = step / 100;
    const mixed = toHex(c.map((v, i) => v + (target[i] - v) * t) as Rgb);
    if (contrastRatio(mixed, against) >= min) return mixed;
  }
  return toHex(target);
}

/** The text colour to draw on `background` (header, buttons): white or near-black, whichever reads better. */
export function textColorOn(background: string, dark = '#111111', light = '#ffffff'): string {
  return contrastRatio(background, light) >= contrastRatio(background, dark) ? light : dark;
}
