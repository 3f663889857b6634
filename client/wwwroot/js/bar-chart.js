// Horizontal bars with labels, one or two series (baseline vs intervention), values printed beside them.

import { h } from './dom.js';

/**
 * rows: [{label, value, baseline?}]; options: {max, format(v), series: [intervention name, baseline name]}.
 * Bars scale to `max` (default: the largest value shown).
 */
export function barChart(rows, { max, format = v => String(v), series = ['intervention', 'baseline'] } = {}) {
  const paired = rows.some(r => Number.isFinite(r.baseline));
  const top = max ?? (rows.reduce((m, r) => Math.max(m, r.value ?? 0, r.baseline ?? 0), 0) || 1);
  const bar = (value, kind) => h('div.bar-line', {},
    h(`div.bar.${kind}`, { style: { width: `${Math.max(0, Math.min(1, (value ?? 0) / top)) * 100}%` } }),
    h('span.bar-value', {}, Number.isFinite(value) ? format(value) : '–'));
  return h('div.bar-chart', {},
    paired ? h('div.bar-legend', {}, h('span.key.intervention', {}, series[0]), h('span.key.baseline', {}, series[1])) : null,
    rows.map(r => h('div.bar-row', { dataset: { label: r.label, value: String(r.value), baseline: paired ? String(r.baseline ?? '') : undefined } },
      h('div.bar-label', { title: r.label }, r.label),
      h('div.bars', {}, bar(r.value, 'intervention'), paired ? bar(r.baseline, 'baseline') : null))));
}
