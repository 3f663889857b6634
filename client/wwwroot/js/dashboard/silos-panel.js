// One card per silo: its status and the models it serves with queue depth, tokens/s and open streams.

import { h, replace } from '../dom.js';
import { num } from '../format.js';

export function renderSilos(node, silos) {
  const active = silos.filter(s => isActive(s.status)).length;
  replace(node,
    h('div.panel-head', {}, h('h2', {}, 'Silos'),
      h('span#silo-count.count', { dataset: { active: String(active), total: String(silos.length) } },
        `${active} active${silos.length !== active ? ` of ${silos.length}` : ''}`)),
    silos.length
      ? h('div.silo-cards', {}, silos.map(silo))
      : h('p.empty', {}, 'No silo has joined the cluster.'));
}

function silo(s) {
  const models = s.models ?? [];
  return h('article.silo', { dataset: { address: s.address, status: String(s.status ?? '') } },
    h('header', {}, h('code', {}, s.address), h('span.badge', { dataset: { status: String(s.status ?? '').toLowerCase() } }, s.status ?? '?')),
    models.length
      ? h('table.data-table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'model'), h('th.num', {}, 'queue'), h('th.num', {}, 'tok/s'), h('th.num', {}, 'streams'))),
        h('tbody', {}, models.map(m => h('tr', { dataset: { model: m.name } },
          h('td', {}, m.name), h('td.num', {}, num(m.queue_depth)), h('td.num', {}, num(m.tokens_per_s, 1)), h('td.num', {}, num(m.active_streams))))))
      : h('p.muted', {}, 'No model loaded here.'));
}

function isActive(status) {
  return String(status ?? '').toLowerCase() === 'active';
}
