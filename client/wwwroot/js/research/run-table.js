// The user's runs with live progress: SSE for a few active runs (browsers allow only ~6 connections per
// host), a slow poll of the list for the rest.

import { h, replace } from '../dom.js';
import { progressBar } from '../progress.js';
import { shortId } from '../format.js';

const LIVE_LIMIT = 2;
const POLL_MS = 4000;
const ACTIVE = new Set(['queued', 'running']);

export class RunTable {
  /** `onSelect(run)` when a row is clicked; `onFinished(run)` when a watched run ends. */
  constructor(body, api, notices, { onSelect, onFinished }) {
    this.body = body;
    this.api = api;
    this.notices = notices;
    this.onSelect = onSelect;
    this.onFinished = onFinished;
    this.runs = new Map();
    this.live = new Map();
    this.selected = null;
  }

  async load() {
    try {
      const runs = await this.api.runs() ?? [];
      this.runs = new Map(runs.map(r => [r.id, r]));
      this.render();
      this.watch();
    } catch (error) {
      this.notices.error(error, { context: 'Loading your runs', retry: () => this.load() });
      if (!this.runs.size) replace(this.body, h('tr', {}, h('td.empty', { colSpan: 6 }, 'Your runs could not be loaded (see the message above).')));
    }
    this.schedulePoll();
  }

  add(run) {
    this.runs.set(run.id, run);
    this.render();
    this.watch();
  }

  update(id, patch) {
    const run = { ...this.runs.get(id), ...patch };
    this.runs.set(id, run);
    const row = this.body.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
    if (row) row.replaceWith(this.row(run));
    else this.render();
    return run;
  }

  select(id) {
    this.selected = id;
    for (const row of this.body.querySelectorAll('tr.run')) row.setAttribute('aria-selected', String(row.dataset.id === id));
    this.onSelect(this.runs.get(id));
  }

  render() {
    const runs = [...this.runs.values()].sort((a, b) => String(b.created ?? b.id).localeCompare(String(a.created ?? a.id)));
    if (!runs.length) { replace(this.body, h('tr', {}, h('td.empty', { colSpan: 6 }, 'No runs yet — start one on the left.'))); return; }
    replace(this.body, runs.map(r => this.row(r)));
  }

  row(run) {
    const active = ACTIVE.has(run.status);
    return h('tr.run', { dataset: { id: run.id, status: run.status }, 'aria-selected': String(run.id === this.selected), onclick: () => this.select(run.id) },
      h('td', {}, h('code', { title: run.id }, shortId(run.id))),
      h('td', {}, run.kind),
      h('td', {}, run.baseline_model ? `${run.model} vs ${run.baseline_model}` : run.model),
      h('td', {}, h('span.status-word', { dataset: { status: run.status } }, run.status)),
      h('td', {}, progressBar({ done: run.done, total: run.total, eta: run.eta_seconds, status: run.status })),
      h('td.actions', {}, active
        ? h('button.cancel', { type: 'button', onclick: e => { e.stopPropagation(); this.cancel(run.id); } }, 'Cancel')
        : null));
  }

  async cancel(id) {
    try {
      const run = await this.api.cancelRun(id);
      this.update(id, run?.id ? run : { status: 'cancelled' });
    } catch (error) {
      this.notices.error(error, { context: `Cancelling run ${shortId(id)}` });
    }
  }

  /** Opens event streams for the newest active runs, up to LIVE_LIMIT. */
  watch() {
    for (const [id, source] of this.live) if (!ACTIVE.has(this.runs.get(id)?.status)) { source.close(); this.live.delete(id); }
    const active = [...this.runs.values()].filter(r => ACTIVE.has(r.status) && !this.live.has(r.id));
    for (const run of active.slice(0, Math.max(0, LIVE_LIMIT - this.live.size))) {
      const source = this.api.runEvents(run.id, {
        progress: p => this.update(run.id, { status: p.status ?? 'running', done: p.done, total: p.total, eta_seconds: p.eta_seconds }),
        done: () => this.finish(run.id),
        error: error => { this.stopWatching(run.id); this.notices.error(error, { context: `Progress of run ${shortId(run.id)}` }); },
      });
      this.live.set(run.id, source);
    }
  }

  stopWatching(id) {
    this.live.get(id)?.close();
    this.live.delete(id);
  }

  async finish(id) {
    this.stopWatching(id);
    try {
      const run = this.update(id, await this.api.run(id));
      this.onFinished(run);
    } catch (error) {
      this.notices.error(error, { context: `Reading run ${shortId(id)}` });
    }
    this.watch();
  }

  /** Refreshes the list while anything is active and not streamed. */
  schedulePoll() {
    clearTimeout(this.poll);
    this.poll = setTimeout(async () => {
      const unwatched = [...this.runs.values()].some(r => ACTIVE.has(r.status) && !this.live.has(r.id));
      if (unwatched && !document.hidden) {
        try {
          for (const run of await this.api.runs() ?? []) {
            const before = this.runs.get(run.id);
            this.update(run.id, run);
            if (before && ACTIVE.has(before.status) && !ACTIVE.has(run.status)) this.onFinished(run);
          }
          this.watch();
        } catch { /* the next poll tries again; a lasting fault shows on the next action */ }
      }
      this.schedulePoll();
    }, POLL_MS);
  }
}
