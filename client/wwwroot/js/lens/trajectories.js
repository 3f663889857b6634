// Trajectories: how the probability of tracked tokens at one position changes from layer to layer.
// Tracked = the final layer's top-k there plus every pinned token that the lens tracked at that position.

import { h, svg } from '../dom.js';
import { visibleToken, percent } from '../format.js';
import { SERIES } from '../colour.js';

const W = 560, H = 230, M = { left: 48, right: 12, top: 12, bottom: 34 };

/** Renders the chart and its legend for column `col`. `options`: logScale, onUnpin(id). */
export function renderTrajectories(view, col, pins, options = {}) {
  const tracked = view.trajectories(col);
  const finalTop = (view.cell(col, view.layers.length - 1)?.topk ?? []).map(e => e.id);
  const ids = [...new Set([...finalTop, ...pins.list.map(p => p.id)])];
  const series = ids.filter(id => tracked.has(id)).map((id, i) => ({
    id, token: tracked.get(id).token, values: tracked.get(id).trajectory, colour: SERIES[i % SERIES.length], pinned: pins.has(id),
  }));
  const missing = pins.list.filter(p => !tracked.has(p.id));
  const input = view.tokens[col];
  return h('div.trajectories', { dataset: { position: String(input?.position ?? '') } },
    h('h3', {}, 'Trajectories at position ', String(input?.position ?? '–'), ' ', h('code.token', {}, visibleToken(input?.text))),
    series.length
      ? chart(view.layers, series, options.logScale)
      : h('p.muted', {}, 'No trajectories at this position (the server sent none).'),
    h('ul.legend', {}, series.map(s => h('li', { dataset: { token: s.token } },
      h('span.swatch', { style: { background: s.colour } }),
      h('code.token', {}, visibleToken(s.token)),
      h('span.muted', {}, ` final ${percent(s.values[s.values.length - 1])}`),
      s.pinned ? h('button.unpin', { type: 'button', title: 'Stop tracking', onclick: () => options.onUnpin?.(s.id) }, 'unpin') : null))),
    missing.length
      ? h('p.muted.missing', {}, 'Pinned but never in a layer\'s top-k here: ', missing.map(p => h('code.token', {}, visibleToken(p.token))))
      : null);
}

function chart(layers, series, logScale) {
  const x = i => M.left + (layers.length === 1 ? 0 : i * (W - M.left - M.right) / (layers.length - 1));
  const floor = 1e-4;
  const y = p => {
    const v = logScale ? (Math.log10(Math.max(floor, p)) - Math.log10(floor)) / -Math.log10(floor) : p;
    return H - M.bottom - Math.min(1, Math.max(0, v)) * (H - M.top - M.bottom);
  };
  const ticks = logScale ? [1e-4, 1e-3, 1e-2, 0.1, 1] : [0, 0.25, 0.5, 0.75, 1];
  const labelEvery = Math.max(1, Math.ceil(layers.length / 12));
  return svg('svg.chart', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'probability of tracked tokens by layer' },
    ticks.map(t => svg('g.tick', {},
      svg('line', { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), class: 'grid' }),
      svg('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, logScale ? t.toExponential(0) : t.toFixed(2)))),
    layers.map((l, i) => i % labelEvery === 0 || i === layers.length - 1
      ? svg('text', { x: x(i), y: H - M.bottom + 16, 'text-anchor': 'middle' }, `L${l}`) : null),
    svg('text', { x: (W + M.left) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-label' }, 'layer'),
    series.map(s => svg('g.series', { 'data-token': s.token },
      svg('polyline', { points: s.values.map((p, i) => `${x(i)},${y(p)}`).join(' '), stroke: s.colour, 'stroke-dasharray': s.pinned ? '5 3' : undefined }),
      s.values.map((p, i) => svg('circle', { cx: x(i), cy: y(p), r: 3, fill: s.colour },
        svg('title', {}, `${visibleToken(s.token)} at L${layers[i]}: ${percent(p)}`))))));
}
