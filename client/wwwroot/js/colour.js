// Colour scales for heat maps: one hue, lightness by value, text colour that stays readable.

/** Background for a value in [0, 1]: white at 0, deep blue at 1. */
export function probColour(p) {
  const v = clamp01(p);
  return `hsl(215 80% ${Math.round(97 - v * 55)}%)`;
}

/** Background for a value in [0, 1] on the warm scale (entropy, ranks: "worse" is darker). */
export function warmColour(v) {
  return `hsl(20 85% ${Math.round(97 - clamp01(v) * 52)}%)`;
}

/** Text colour readable over probColour/warmColour of the same value. */
export function inkFor(v) {
  return clamp01(v) > 0.55 ? '#fff' : '#111';
}

/** Maps x from [lo, hi] into [0, 1]; a flat range maps to 0. */
export function normalise(x, lo, hi) {
  return hi > lo ? clamp01((x - lo) / (hi - lo)) : 0;
}

/** Distinct line colours for tracked tokens. */
export const SERIES = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

function clamp01(v) {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}
