// The logit-lens panel: asks /api/activations for the clicked token and shows the heat map, the hovered
// cell's top-k, and trajectories of tracked tokens. The same answer feeds the attention panel.

import { h, replace } from '../dom.js';
import { visibleToken } from '../format.js';
import { LensView } from './lens-view.js';
import { renderHeatmap, COLOUR_MODES } from './heatmap.js';
import { renderCellDetails } from './cell-details.js';
import { renderTrajectories } from './trajectories.js';
import { Pins } from './pins.js';
import { autoStride, layersFor } from './layer-stride.js';

export class LensPanel {
  /** `tokenAt(position)` gives conversation token text; `onData(data)` receives every answer (for attention). */
  constructor(node, api, notices, { tokenAt, onData }) {
    this.node = node;
    this.api = api;
    this.notices = notices;
    this.tokenAt = tokenAt;
    this.onData = onData;
    this.pins = new Pins();
    this.pins.addEventListener('change', () => this.renderTrajectories());
    this.settings = { contextSize: 15, topK: 5, stride: 0, colourBy: 'prob', logScale: false };
    this.layerCount = null;
    this.request = 0;
    this.build();
    this.empty('Click any token in the conversation to see what every layer predicted there.');
  }

  /** The model whose conversation is shown: its layer count drives the stride choices. */
  setModel(model) {
    this.layerCount = model?.layers ?? null;
    const stride = this.controls.stride;
    const options = [h('option', { value: '0' }, this.layerCount ? `auto (${autoStride(this.layerCount)})` : 'auto')];
    for (const s of [1, 2, 4, 8, 16]) if (!this.layerCount || s < this.layerCount) options.push(h('option', { value: String(s) }, `every ${s}`));
    replace(stride, options);
    stride.value = String(this.settings.stride);
  }

  empty(text) {
    this.view = null;
    replace(this.status, text);
    for (const part of [this.map, this.details, this.trajectory]) replace(part);
  }

  /** Loads and shows the lens at `position` of `conversation`. */
  async show(conversation, position) {
    this.target = { conversation, position };
    const id = ++this.request;
    replace(this.status, `Loading the lens at position ${position} (${visibleToken(this.tokenAt(position))})…`);
    this.node.setAttribute('aria-busy', 'true');
    try {
      const data = await this.api.activations(conversation, position, {
        contextSize: this.settings.contextSize, topK: this.settings.topK, layers: this.layers(),
      });
      if (id !== this.request) return;
      this.render(data);
      this.onData?.(data);
    } catch (error) {
      if (id !== this.request) return;
      this.empty(`No lens for position ${position}.`);
      this.notices.error(error, { context: 'Loading the logit lens', retry: () => this.show(conversation, position) });
    } finally {
      if (id === this.request) this.node.removeAttribute('aria-busy');
    }
  }

  layers() {
    if (!this.layerCount) return undefined;
    const stride = this.settings.stride || autoStride(this.layerCount);
    return stride === 1 ? undefined : layersFor(this.layerCount, stride);
  }

  render(data) {
    this.view = new LensView(data, this.tokenAt);
    this.column = Math.max(0, this.view.column(data.position));
    this.hover = { col: this.column, row: this.view.layers.length - 1 };
    replace(this.status,
      `Position ${data.position} `, h('code.token', {}, visibleToken(this.view.tokens[this.column]?.text)),
      ` · ${this.view.tokens.length} positions × ${this.view.layers.length} layers`);
    this.renderMap();
    this.renderDetails();
    this.renderTrajectories();
  }

  renderMap() {
    if (!this.view) return;
    replace(this.map, renderHeatmap(this.view, {
      colourBy: this.settings.colourBy,
      selectedColumn: this.column,
      onHover: (col, row) => { this.hover = { col, row }; this.renderDetails(); },
      onPick: (col, row) => { this.hover = { col, row }; this.selectColumn(col); },
      onSelectColumn: col => this.selectColumn(col),
    }));
    // The clicked position is the rightmost column: keep it in view.
    this.map.scrollLeft = this.map.scrollWidth;
  }

  selectColumn(col) {
    this.column = col;
    for (const el of this.map.querySelectorAll('[aria-selected]')) el.removeAttribute('aria-selected');
    const position = this.view.tokens[col].position;
    for (const el of this.map.querySelectorAll(`[data-position="${position}"]`)) el.setAttribute('aria-selected', 'true');
    this.renderDetails();
    this.renderTrajectories();
  }

  renderDetails() {
    if (this.view) renderCellDetails(this.details, this.view, this.hover.col, this.hover.row, this.pins);
  }

  renderTrajectories() {
    if (!this.view) return;
    replace(this.trajectory, renderTrajectories(this.view, this.column, this.pins, {
      logScale: this.settings.logScale, onUnpin: id => this.pins.remove(id),
    }));
    this.renderDetails();
  }

  build() {
    const number = (key, min, max) => h('input', {
      type: 'number', min, max, value: String(this.settings[key]),
      onchange: e => {
        const v = Number(e.target.value);
        if (!Number.isInteger(v) || v < min || v > max) {
          this.notices.error({ status: 400, title: `${key === 'topK' ? 'top-k' : 'context'} must be a whole number from ${min} to ${max}` });
          e.target.value = String(this.settings[key]);
          return;
        }
        this.settings[key] = v;
        this.reload();
      },
    });
    this.controls = {
      stride: h('select#lens-stride', { onchange: e => { this.settings.stride = Number(e.target.value); this.reload(); } }),
      colour: h('select#lens-colour', { onchange: e => { this.settings.colourBy = e.target.value; this.renderMap(); } },
        COLOUR_MODES.map(([value, label]) => h('option', { value }, label))),
    };
    this.status = h('p#lens-status.status');
    this.map = h('div#lens-map.map-scroll');
    this.details = h('div#lens-details.details');
    this.trajectory = h('div#lens-trajectories');
    replace(this.node,
      h('div.panel-head', {}, h('h2', {}, 'Logit lens')),
      h('div.toolbar', {},
        h('label', {}, 'context ', number('contextSize', 0, 63)),
        h('label', {}, 'top-k ', number('topK', 1, 20)),
        h('label', {}, 'layers ', this.controls.stride),
        h('label', {}, 'colour ', this.controls.colour),
        h('label', {}, h('input', { type: 'checkbox', onchange: e => { this.settings.logScale = e.target.checked; this.renderTrajectories(); } }), ' log scale')),
      this.status,
      this.map,
      h('div.lens-lower', {}, this.trajectory, this.details));
    this.setModel(null);
  }

  reload() {
    if (this.target) this.show(this.target.conversation, this.target.position);
  }
}
