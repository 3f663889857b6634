// The results panel: the chosen run's state, its figures (beside another run of the same kind, when one is chosen
// as the baseline), and the export download (Zarr stores for captures, JSON/CSV otherwise).

import { h, replace } from '../dom.js';
import { num, shortId } from '../format.js';
import { progressBar } from '../progress.js';
import { renderResults } from './result-views.js';

export class RunResults {
  /** `runs()` lists the runs known to the page (for the baseline choice). */
  constructor(node, api, notices, runs) {
    this.node = node;
    this.api = api;
    this.notices = notices;
    this.runs = runs;
    this.baselineId = '';
  }

  async show(run) {
    if (this.run?.id !== run.id) this.baselineId = '';
    this.run = run;
    const head = [
      h('div.panel-head', {}, h('h2', {}, `Results of ${run.kind} run `, h('code', { title: run.id }, shortId(run.id))), this.exportButton(run)),
      h('p.status', {}, `${run.model}${run.baseline_model ? ` against ${run.baseline_model}` : ''} · ${run.dataset ?? ''} · ${run.status}`),
    ];
    if (run.status === 'failed') { replace(this.node, head, h('p.error-text', {}, run.error ?? 'The run failed without a message.')); return; }
    if (run.status !== 'completed' && run.status !== 'cancelled') {
      replace(this.node, head, progressBar({ done: run.done, total: run.total, eta: run.eta_seconds, status: run.status }),
        h('p.muted', {}, 'Results appear when the run completes.'));
      return;
    }
    replace(this.node, head, h('p.muted', {}, 'Loading results…'));
    try {
      const [results, baseline] = await Promise.all([this.api.runResults(run.id), this.loadBaseline()]);
      if (this.run !== run) return;
      replace(this.node, head,
        run.status === 'cancelled' ? h('p.muted', {}, 'The run was cancelled: these are the items it finished.') : null,
        this.baselineChoice(run),
        renderResults(run, results ?? {}, baseline));
    } catch (error) {
      if (this.run !== run) return;
      replace(this.node, head, h('p.muted', {}, 'No results could be read.'));
      this.notices.error(error, { context: `Results of run ${shortId(run.id)}`, retry: () => this.show(run) });
    }
  }

  async loadBaseline() {
    const other = this.runs().find(r => r.id === this.baselineId);
    return other ? { run: other, results: await this.api.runResults(other.id) } : null;
  }

  /** Other finished runs of the same kind, any of which can be shown beside this one as its baseline. */
  baselineChoice(run) {
    const others = this.runs().filter(r => r.id !== run.id && r.kind === run.kind && r.status === 'completed');
    if (!others.length) return null;
    return h('label.compare', {}, 'Compare with (baseline): ',
      h('select#baseline-run', { onchange: e => { this.baselineId = e.target.value; this.show(this.run); } },
        h('option', { value: '' }, '(none)'),
        others.map(r => h('option', { value: r.id, selected: r.id === this.baselineId },
          `${r.model} · ${r.dataset ?? ''} · ${shortId(r.id)}`))));
  }

  exportButton(run) {
    const label = run.kind === 'capture' ? 'Download Zarr export' : 'Download export (JSON/CSV)';
    return h('button#export-run', {
      type: 'button',
      disabled: run.status !== 'completed' && run.status !== 'cancelled',
      title: 'a zip file',
      onclick: async e => {
        const button = e.currentTarget;
        button.disabled = true;
        try {
          const file = await this.api.exportRun(run.id);
          this.notices.info(`Saved ${file.name} (${num(file.size)} bytes).`);
        } catch (error) {
          this.notices.error(error, { context: 'Export' });
        } finally {
          button.disabled = false;
        }
      },
    }, label);
  }
}
