// The logit-lens heat map: one row per layer, one column per context position. Each cell shows the
// layer's top-1 next-token guess as text, coloured by its probability (or by entropy / next-token rank).
// Two rows under the final layer give the final layer's entropy and the next input token's rank.

import { h } from '../dom.js';
import { visibleToken, percent, num } from '../format.js';
import { probColour, warmColour, inkFor, normalise } from '../colour.js';

/** Colour modes offered by the panel. */
export const COLOUR_MODES = [['prob', 'top-1 probability'], ['entropy', 'entropy'], ['rank', 'next-token rank']];

/**
 * Renders the map. `options`: colourBy, selectedColumn, onHover(col,row), onPick(col,row) (click a cell),
 * onSelectColumn(col) (click a column head).
 */
export function renderHeatmap(view, options) {
  const last = view.layers.length - 1;
  const table = h('table.heatmap', { 'aria-label': 'logit lens: layers by positions' },
    h('thead', {}, h('tr', {},
      h('th.corner', { scope: 'col' }, 'layer \\ input'),
      view.tokens.map((t, col) => h('th.input', {
        scope: 'col',
        dataset: { position: String(t.position), token: t.text },
        title: `position ${t.position}: ${visibleToken(t.text)} — click to follow this position`,
        'aria-selected': col === options.selectedColumn ? 'true' : undefined,
        onclick: () => options.onSelectColumn?.(col),
      }, visibleToken(t.text))))),
    h('tbody', {},
      view.layers.map((layer, row) => h('tr', { dataset: { layer: String(layer) } },
        h('th.layer', { scope: 'row' }, `L${layer}`),
        view.tokens.map((_, col) => cellNode(view, col, row, options)))),
      summaryRow('entropy', 'entropy (final layer, nats)', view, col => view.entropy(col, last),
        v => num(v, 2), v => warmColour(normalise(v, 0, view.maxEntropy))),
      summaryRow('next-rank', 'next-token rank (final layer, 0 = top)', view, col => view.nextRank(col, last),
        v => String(v), v => warmColour(rankShade(v, view.maxRank)))));
  return table;
}

function cellNode(view, col, row, options) {
  const cell = view.cell(col, row);
  if (!cell) return h('td.cell.missing', {}, '');
  const shade = shadeOf(view, col, row, options.colourBy);
  return h('td.cell', {
    dataset: {
      layer: String(view.layers[row]),
      position: String(view.tokens[col].position),
      token: cell.token,
      prob: String(cell.prob),
    },
    style: { background: shade.background, color: inkFor(shade.level) },
    'aria-selected': col === options.selectedColumn ? 'true' : undefined,
    title: `layer ${view.layers[row]}, position ${view.tokens[col].position}: ${visibleToken(cell.token)} ${percent(cell.prob)}`,
    onmouseenter: () => options.onHover?.(col, row),
    onfocus: () => options.onHover?.(col, row),
    onclick: () => options.onPick?.(col, row),
    tabIndex: -1,
  }, h('span.top1', {}, visibleToken(cell.token)));
}

function shadeOf(view, col, row, mode) {
  if (mode === 'entropy') {
    const level = normalise(view.entropy(col, row) ?? 0, 0, view.maxEntropy);
    return { level, background: warmColour(level) };
  }
  if (mode === 'rank') {
    const rank = view.nextRank(col, row);
    const level = rank === null ? 0 : rankShade(rank, view.maxRank);
    return { level, background: rank === null ? '#f4f4f4' : warmColour(level) };
  }
  const level = view.cell(col, row)?.prob ?? 0;
  return { level, background: probColour(level) };
}

function rankShade(rank, maxRank) {
  return Math.log1p(rank) / Math.log1p(Math.max(1, maxRank));
}

function summaryRow(key, label, view, valueOf, text, colour) {
  return h('tr.summary', { dataset: { row: key } },
    h('th.layer', { scope: 'row', title: label }, label),
    view.tokens.map((_, col) => {
      const v = valueOf(col);
      return v === null || v === undefined
        ? h('td.summary-cell.none', { title: 'no next input token' }, '–')
        : h('td.summary-cell', { dataset: { value: String(v) }, style: { background: colour(v) } }, text(v));
    }));
}
