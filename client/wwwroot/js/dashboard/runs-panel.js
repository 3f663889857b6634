// Research runs across the cluster as the overview reports them, each with its progress.

import { h, replace } from '../dom.js';
import { progressBar } from '../progress.js';
import { shortId } from '../format.js';

export function renderRuns(node, runs) {
  replace(node,
    h('div.panel-head', {}, h('h2', {}, 'Research runs'), h('a', { href: '/research.html' }, 'open research')),
    runs.length
      ? h('table.data-table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'run'), h('th', {}, 'kind'), h('th', {}, 'status'), h('th', {}, 'progress'))),
        h('tbody', {}, runs.map(r => h('tr', { dataset: { id: r.id, status: r.status } },
          h('td', {}, h('code', {}, shortId(r.id))), h('td', {}, r.kind), h('td', {}, r.status),
          h('td', {}, progressBar({ done: r.done, total: r.total, eta: r.eta_seconds, status: r.status }))))))
      : h('p.empty', {}, 'No research runs.'));
}
