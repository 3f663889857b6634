// The activation cache: hit rate, memory against its limit, entries and what spilled to disk.

import { h, replace } from '../dom.js';
import { bytes, num, percent } from '../format.js';

export function renderCache(node, cache) {
  if (!cache || Object.keys(cache).length === 0) {
    replace(node, h('h2', {}, 'Activation cache'), h('p.empty', {}, 'The cache reported nothing yet.'));
    return;
  }
  const lookups = (cache.hits ?? 0) + (cache.misses ?? 0);
  // Before any lookup a hit rate means nothing, whatever number the server sends.
  const hitRate = lookups ? (cache.hit_rate ?? cache.hits / lookups) : null;
  const memory = cache.memory_limit_bytes ? cache.memory_bytes / cache.memory_limit_bytes : null;
  replace(node,
    h('h2', {}, 'Activation cache'),
    h('div.gauges', {},
      gauge('hit rate', hitRate, hitRate === null ? 'no lookups yet' : `${percent(hitRate)} of ${num(lookups)} lookups`, 'hit-rate'),
      gauge('memory', memory, cache.memory_limit_bytes
        ? `${bytes(cache.memory_bytes)} of ${bytes(cache.memory_limit_bytes)}`
        : `${bytes(cache.memory_bytes)} (no limit reported)`, 'memory')),
    h('dl.facts', {},
      h('dt', {}, 'entries'), h('dd', { dataset: { fact: 'entries' } }, num(cache.entries)),
      h('dt', {}, 'hits / misses'), h('dd', { dataset: { fact: 'hits' } }, `${num(cache.hits)} / ${num(cache.misses)}`),
      h('dt', {}, 'on disk'), h('dd', { dataset: { fact: 'disk' } }, bytes(cache.disk_bytes))));
}

function gauge(label, fraction, text, key) {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  return h('div.gauge', { dataset: { gauge: key, value: String(fraction ?? '') } },
    h('div.gauge-label', {}, label),
    h('div.progress', {}, h('div.fill', { style: { width: `${(f * 100).toFixed(1)}%` } })),
    h('div.muted', {}, text));
}
