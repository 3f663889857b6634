// The clicked row's attention weights: one small bar chart per head of the chosen layer, and the chosen
// head's weights laid over the context's tokens.

import { h, svg } from '../dom.js';
import { visibleToken, percent } from '../format.js';
import { probColour, inkFor } from '../colour.js';

const W = 150, H = 46;

/** Small multiples of the layer's heads; `onSelect(head)` on click. */
export function renderHeadPatterns(layer, selectedHead, tokenAt, onSelect) {
  return h('div.head-patterns', { dataset: { layer: String(layer.layer) } }, layer.heads.map(hd =>
    h('figure.head', {
      dataset: { head: String(hd.head) },
      'aria-selected': hd.head === selectedHead ? 'true' : undefined,
      onclick: () => onSelect(hd.head),
    },
    h('figcaption', {}, `h${hd.head}`, h('span.muted', {}, ` max ${percent(hd.max)}`)),
    bars(hd.weights, tokenAt))));
}

function bars(weights, tokenAt) {
  const n = Math.max(1, weights.length);
  const bw = W / n;
  const top = weights.reduce((a, b) => Math.max(a, b), 1e-9);
  return svg('svg.bars', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': 'weights over keys' },
    weights.map((w, k) => svg('rect', { x: k * bw, y: H - (w / top) * H, width: Math.max(0.5, bw - 0.3), height: (w / top) * H },
      svg('title', {}, `key ${k} ${visibleToken(tokenAt(k))}: ${percent(w)}`))));
}

/** The chosen head's weights as a highlight over the context tokens (darker = more attention). */
export function renderKeyTokens(layer, head, tokenAt) {
  const weights = layer.heads.find(hd => hd.head === head)?.weights ?? [];
  const top = weights.reduce((a, b) => Math.max(a, b), 1e-9);
  return h('div.keys', { dataset: { layer: String(layer.layer), head: String(head) } },
    h('h4', {}, `Layer ${layer.layer}, head ${head}: where the clicked token looks`),
    h('p.key-tokens', {}, weights.map((w, k) => {
      const level = w / top;
      return h('span.key', {
        dataset: { key: String(k), weight: String(w) },
        style: { background: probColour(level), color: inkFor(level) },
        title: `key ${k} ${visibleToken(tokenAt(k))}: ${percent(w)}`,
      }, visibleToken(tokenAt(k)));
    })));
}
