// The attention panel for the clicked token: per-head metrics as small multiples, the chosen layer's heads
// as small bar charts, and the chosen head's weights over the context tokens.

import { h, replace } from '../dom.js';
import { visibleToken } from '../format.js';
import { renderHeadMetrics } from './head-metrics.js';
import { renderHeadPatterns, renderKeyTokens } from './head-patterns.js';

export class AttentionPanel {
  /** `tokenAt(position)` gives conversation token text for key positions outside the lens window. */
  constructor(node, tokenAt) {
    this.node = node;
    this.conversationTokenAt = tokenAt;
    this.empty('Click a token to see where each head attends from it.');
  }

  empty(text) {
    this.data = null;
    replace(this.node, h('div.panel-head', {}, h('h2', {}, 'Attention')), h('p.status', {}, text));
  }

  /** Shows the `attention` part of an /api/activations answer. */
  show(data) {
    const attention = data.attention ?? [];
    if (!attention.length) { this.empty('The server sent no attention for this position.'); return; }
    this.data = data;
    const window = new Map((data.tokens ?? []).map(t => [t.position, t.text]));
    this.tokenAt = k => window.get(k) ?? this.conversationTokenAt(k);
    const keep = attention.find(l => l.layer === this.selected?.layer);
    this.selected = keep && keep.heads.some(hd => hd.head === this.selected.head)
      ? this.selected
      : { layer: attention[attention.length - 1].layer, head: attention[attention.length - 1].heads[0]?.head ?? 0 };
    this.render();
  }

  select(layer, head) {
    this.selected = { layer, head };
    this.render();
  }

  render() {
    const { layer, head } = this.selected;
    const attention = this.data.attention;
    const row = attention.find(l => l.layer === layer);
    replace(this.node,
      h('div.panel-head', {}, h('h2', {}, 'Attention')),
      h('p.status', {}, `Row of position ${this.data.position} `, h('code.token', {}, visibleToken(this.tokenAt(this.data.position))),
        ` · ${attention.length} layers × ${row.heads.length} heads · click a cell or a head to choose`),
      renderHeadMetrics(attention, this.selected, (l, hd) => this.select(l, hd)),
      h('h3', {}, `Layer ${layer}: heads`),
      renderHeadPatterns(row, head, this.tokenAt, hd => this.select(layer, hd)),
      renderKeyTokens(row, head, this.tokenAt));
  }
}
