// What the pointer is over: the hovered cell's top-k next-token guesses, each with a pin toggle,
// and the next input token's rank and probability at that layer.

import { h, replace } from '../dom.js';
import { visibleToken, percent, num } from '../format.js';
import { probColour } from '../colour.js';

/** Fills `node` with the details of cell (col, row); `pins` is the Pins set (toggle on click). */
export function renderCellDetails(node, view, col, row, pins) {
  const cell = view.cell(col, row);
  const input = view.tokens[col];
  if (!cell || !input) { replace(node, h('p.muted', {}, 'Hover a cell to see its top-k.')); return; }
  const next = view.nextToken(col);
  const rank = view.nextRank(col, row);
  replace(node,
    h('div.details-head', {},
      h('strong', {}, `layer ${view.layers[row]} · position ${input.position}`),
      h('span', {}, ' after '), h('code.token', {}, visibleToken(input.text))),
    h('table.topk', { 'aria-label': 'top-k at the hovered cell' },
      h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'token'), h('th', {}, 'prob'), h('th', {}, 'pin'))),
      h('tbody', {}, (cell.topk ?? []).map((entry, i) => h('tr', { dataset: { token: entry.token, prob: String(entry.prob) } },
        h('td', {}, String(i + 1)),
        h('td', {}, h('code.token', {}, visibleToken(entry.token))),
        h('td.prob', { style: { background: probColour(entry.prob) } }, percent(entry.prob)),
        h('td', {}, pinButton(entry, pins)))))),
    h('dl.facts', {},
      h('dt', {}, 'entropy'), h('dd', {}, `${num(view.entropy(col, row), 3)} nats`),
      h('dt', {}, 'next input token'), h('dd', {}, next === undefined ? '– (last position)' : h('code.token', {}, visibleToken(next))),
      h('dt', {}, 'its rank / prob'), h('dd', {}, rank === null ? '–' : `${rank} (0 = top) · ${percent(view.nextProb(col, row))}`)));
}

function pinButton(entry, pins) {
  const pinned = pins.has(entry.id);
  return h('button.pin', {
    type: 'button',
    'aria-pressed': pinned ? 'true' : 'false',
    title: pinned ? 'Stop tracking this token' : 'Track this token across layers',
    onclick: e => { pins.toggle(entry); e.currentTarget.setAttribute('aria-pressed', pins.has(entry.id) ? 'true' : 'false'); },
  }, pinned ? 'unpin' : 'pin');
}
