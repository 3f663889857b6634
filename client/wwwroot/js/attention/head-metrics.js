// Per-head attention metrics of the clicked row as small multiples: one layer × head grid per metric,
// each coloured on its own scale, so odd heads (very peaked, very diffuse, large queries) stand out.

import { h } from '../dom.js';
import { num } from '../format.js';
import { probColour, inkFor, normalise } from '../colour.js';

export const METRICS = [
  ['entropy', 'entropy (nats)'],
  ['max', 'max weight'],
  ['k_eff', 'k_eff (keys for 90%)'],
  ['q_norm', 'q-norm'],
];

/** Renders the four grids; `selected` = {layer, head}; `onSelect(layer, head)` on click. */
export function renderHeadMetrics(attention, selected, onSelect) {
  return h('div.metrics', {}, METRICS.map(([key, label]) => grid(attention, key, label, selected, onSelect)));
}

function grid(attention, key, label, selected, onSelect) {
  const values = attention.flatMap(l => l.heads.map(hd => hd[key])).filter(Number.isFinite);
  const lo = values.reduce((a, b) => Math.min(a, b), Infinity);
  const hi = values.reduce((a, b) => Math.max(a, b), -Infinity);
  const headCount = attention.reduce((n, l) => Math.max(n, l.heads.length), 0);
  return h('figure.metric', { dataset: { metric: key } },
    h('figcaption', {}, label, h('span.muted', {}, values.length ? ` ${num(lo)}–${num(hi)}` : '')),
    h('table.metric-grid', {},
      h('thead', {}, h('tr', {}, h('th', {}, ''), Array.from({ length: headCount }, (_, i) => h('th', {}, `h${i}`)))),
      h('tbody', {}, attention.map(l => h('tr', {},
        h('th', { scope: 'row' }, `L${l.layer}`),
        l.heads.map(hd => {
          const v = hd[key];
          const level = normalise(v, lo, hi);
          return h('td', {
            dataset: { layer: String(l.layer), head: String(hd.head), value: String(v) },
            style: { background: probColour(level), color: inkFor(level) },
            'aria-selected': selected && selected.layer === l.layer && selected.head === hd.head ? 'true' : undefined,
            title: `layer ${l.layer} head ${hd.head}: ${label} ${num(v, 3)}`,
            onclick: () => onSelect(l.layer, hd.head),
          }, num(v, key === 'k_eff' ? 0 : 2));
        }))))));
}
