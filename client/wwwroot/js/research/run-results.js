// A run's results: headline figures, per-subject / per-prompt charts, baseline beside intervention where
// the run had one, and the export download (a Zarr store for captures, JSON/CSV otherwise).

import { h, replace } from '../dom.js';
import { percent, num, duration, shortId } from '../format.js';
import { barChart } from '../bar-chart.js';
import { progressBar } from '../progress.js';

export class RunResults {
  constructor(node, api, notices) {
    this.node = node;
    this.api = api;
    this.notices = notices;
  }

  async show(run) {
    this.run = run;
    const head = [
      h('div.panel-head', {}, h('h2', {}, `Results of ${run.kind} run `, h('code', {}, shortId(run.id))), this.exportButton(run)),
      h('p.status', {}, `${run.model}${run.baseline_model ? ` (baseline ${run.baseline_model})` : ''} · ${run.status}`),
    ];
    if (run.status === 'failed') { replace(this.node, head, h('p.error-text', {}, run.error ?? 'The run failed without a message.')); return; }
    if (run.status !== 'completed') {
      replace(this.node, head, progressBar({ done: run.done, total: run.total, eta: run.eta_seconds, status: run.status }),
        h('p.muted', {}, run.status === 'cancelled' ? 'The run was cancelled; partial results, if any, are below.' : 'Results appear when the run completes.'));
      if (run.status !== 'cancelled') return;
    }
    replace(this.node, head, h('p.muted', {}, 'Loading results…'));
    try {
      const results = await this.api.runResults(run.id);
      if (this.run !== run) return;
      replace(this.node, head, renderResults(run, results ?? {}));
    } catch (error) {
      if (this.run !== run) return;
      replace(this.node, head, h('p.muted', {}, 'No results could be read.'));
      this.notices.error(error, { context: `Results of run ${shortId(run.id)}`, retry: () => this.show(run) });
    }
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

/** Chooses the view by run kind; anything unrecognised is shown as JSON rather than hidden. */
export function renderResults(run, results) {
  const view = { mmlu: mmluView, kl: klView, refusal: refusalView, capture: captureView }[run.kind];
  const body = view ? view(results, run) : null;
  return h('div.results', { dataset: { kind: run.kind } }, body ?? [], h('details', {}, h('summary', {}, 'Raw results'), h('pre.json', {}, JSON.stringify(results, null, 2))));
}

function figure(what, value, key) {
  return h('div.figure', { dataset: { figure: key ?? what } }, h('span.value', {}, value), h('span.what', {}, what));
}

function baselineOf(results) {
  return results.baseline ?? null;
}

function mmluView(results, run) {
  const subjects = subjectRows(results.subjects ?? results.per_subject ?? results.by_subject);
  const baselineSubjects = new Map(subjectRows(baselineOf(results)?.subjects ?? baselineOf(results)?.per_subject ?? baselineOf(results)?.by_subject)
    .map(s => [s.label, s.value]));
  const overall = accuracyOf(results.overall ?? results);
  const baseOverall = baselineOf(results) ? accuracyOf(baselineOf(results).overall ?? baselineOf(results)) : null;
  return [
    h('div.headline', {},
      figure('overall accuracy', percent(overall), 'accuracy'),
      baseOverall !== null ? figure(`baseline (${run.baseline_model ?? 'baseline'})`, percent(baseOverall), 'baseline-accuracy') : null,
      baseOverall !== null ? figure('difference', `${((overall - baseOverall) * 100).toFixed(1)} pt`, 'difference') : null),
    h('h3', {}, 'Accuracy per subject'),
    subjects.length
      ? barChart(subjects.map(s => ({ ...s, baseline: s.baseline ?? baselineSubjects.get(s.label) })),
        { max: 1, format: percent, series: [run.model, run.baseline_model ?? 'baseline'] })
      : h('p.muted', {}, 'No per-subject figures in the results.'),
  ];
}

/** Subjects as rows {label, value, baseline?}, from an array or an object keyed by subject. */
function subjectRows(subjects) {
  if (!subjects) return [];
  const entries = Array.isArray(subjects) ? subjects.map(s => [s.subject ?? s.name, s]) : Object.entries(subjects);
  return entries.map(([label, s]) => ({
    label: String(label),
    value: accuracyOf(s),
    baseline: Number.isFinite(s?.baseline_accuracy) ? s.baseline_accuracy : undefined,
    detail: s,
  })).sort((a, b) => a.label.localeCompare(b.label));
}

function accuracyOf(s) {
  if (typeof s === 'number') return s;
  if (Number.isFinite(s?.accuracy)) return s.accuracy;
  if (Number.isFinite(s?.correct) && s?.total > 0) return s.correct / s.total;
  return NaN;
}

function klView(results) {
  const perPrompt = (results.per_prompt ?? []).map((p, i) => typeof p === 'number'
    ? { label: `prompt ${i + 1}`, value: p }
    : { label: p.prompt ?? `prompt ${i + 1}`, value: p.kl ?? p.value });
  const worst = [...perPrompt].sort((a, b) => b.value - a.value).slice(0, 25);
  return [
    h('div.headline', {},
      figure('mean KL (nats)', num(results.mean, 4), 'mean'),
      figure('median KL (nats)', num(results.median ?? median(perPrompt.map(p => p.value)), 4), 'median'),
      figure('prompts', String(perPrompt.length), 'prompts')),
    h('h3', {}, 'KL per prompt (largest first)'),
    worst.length ? barChart(worst, { format: v => num(v, 4) }) : h('p.muted', {}, 'No per-prompt figures in the results.'),
  ];
}

function refusalView(results, run) {
  const perPrompt = results.per_prompt ?? results.outcomes ?? [];
  const base = baselineOf(results);
  const rows = [{ label: run.model, value: results.rate }];
  if (Number.isFinite(base?.rate ?? results.baseline_rate)) rows.push({ label: run.baseline_model ?? 'baseline', value: base?.rate ?? results.baseline_rate });
  return [
    h('div.headline', {}, rows.map(r => figure(`refusal rate · ${r.label}`, percent(r.value), r === rows[0] ? 'rate' : 'baseline-rate'))),
    barChart(rows, { max: 1, format: percent }),
    h('h3', {}, `Per prompt (${perPrompt.length})`),
    perPrompt.length
      ? h('table.data-table.per-prompt', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'prompt'), h('th', {}, 'response'), h('th', {}, 'refused'))),
        h('tbody', {}, perPrompt.map(p => h('tr', { dataset: { refused: String(Boolean(p.refused)) } },
          h('td.text', {}, p.prompt ?? ''), h('td.text', {}, p.response ?? ''), h('td', {}, p.refused ? 'yes' : 'no')))))
      : h('p.muted', {}, 'No per-prompt outcomes in the results.'),
  ];
}

function captureView(results) {
  return [
    h('div.headline', {},
      Number.isFinite(results.steps) ? figure('steps captured', String(results.steps), 'steps') : null,
      Number.isFinite(results.bytes) ? figure('store size', `${num(results.bytes)} B`, 'bytes') : null,
      Number.isFinite(results.seconds) ? figure('took', duration(results.seconds), 'seconds') : null),
    h('p', {}, 'The capture is a Zarr v2 store: download it with the export button and open it with zarr-python or any Zarr reader.'),
  ];
}

function median(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
