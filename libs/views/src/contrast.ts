/**
 * WCAG 2.x contrast, for tenant colours: a brand colour may be anything, but
 * text drawn on it (header, buttons) and text drawn in it (links, headings)
 * must stay readable. https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio
 */

/** AA for normal text. */
export const AA_TEXT = 4.5;

function channels(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour to draw on `background`: white or near-black, whichever reads better. */
export function textColorOn(background: string, dark = '#111111', light = '#ffffff'): string {
  return contrastRatio(background, light) >= contrastRatio(background, dark) ? light : dark;
}

/**
 * The nearest colour to `color` (same hue, darker or lighter) that reaches
 * `ratio` against `against`; `color` itself when it already does.
 */
export function accessibleVariant(color: string, against: string, ratio = AA_TEXT): string {
  if (contrastRatio(color, against) >= ratio) return color;
  const towardsBlack = relativeLuminance(against) > 0.18;
  const [r, g, b] = channels(color);
  for (let step = 1; step <= 100; step++) {
    const k = step / 100;
    const mix = (c: number) => Math.round(towardsBlack ? c * (1 - k) : c + (255 - c) * k);
    const candidate = `#${[mix(r), mix(g), mix(b)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    if (contrastRatio(candidate, against) >= ratio) return candidate;
  }
  return towardsBlack ? '#000000' : '#ffffff';
}
