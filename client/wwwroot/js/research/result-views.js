// A run's results drawn by kind: headline figures, per-subject / per-prompt charts and tables. With a second run
// to compare against (the baseline), each figure is shown beside the baseline's.

import { h } from '../dom.js';
import { percent, num, bytes, shortId } from '../format.js';
import { barChart } from '../bar-chart.js';

/**
 * `results` is GET /api/research/runs/{id}/results ({kind, status, done, total, mmlu|kl|refusal|capture}).
 * `baseline` is null or {run, results} of a run of the same kind.
 */
export function renderResults(run, results, baseline) {
  const view = { mmlu: mmluView, kl: klView, refusal: refusalView, capture: captureView }[run.kind];
  const summary = summaryOf(run.kind, results);
  const base = baseline ? { run: baseline.run, summary: summaryOf(run.kind, baseline.results) } : null;
  const series = [label(run), base ? label(base.run) : 'baseline'];
  return h('div.results', { dataset: { kind: run.kind } },
    view && summary ? view(summary, base?.summary ?? null, series, run) : h('p.muted', {}, 'No figures for this kind of run yet.'),
    h('details', {}, h('summary', {}, 'Raw results'), h('pre.json', {}, JSON.stringify(results, null, 2))));
}

function summaryOf(kind, results) {
  return results?.[kind] ?? null;
}

function label(run) {
  return `${run.model} · ${shortId(run.id)}`;
}

function figure(what, value, key) {
  return h('div.figure', { dataset: { figure: key } }, h('span.value', {}, value), h('span.what', {}, what));
}

function headline(what, key, value, baseValue, format, difference) {
  return [
    figure(what, format(value), key),
    baseValue === undefined ? null : figure(`${what} · baseline`, format(baseValue), `baseline-${key}`),
    baseValue === undefined || !difference ? null : figure('difference', difference(value - baseValue), `difference-${key}`),
  ];
}

const points = d => `${d >= 0 ? '+' : ''}${(d * 100).toFixed(1)} pt`;

function mmluView(s, b, series) {
  const baseBySubject = new Map((b?.subjects ?? []).map(x => [x.subject, accuracy(x)]));
  const rows = (s.subjects ?? []).map(x => ({ label: x.subject, value: accuracy(x), baseline: baseBySubject.get(x.subject) }));
  return [
    h('div.headline', {},
      headline('accuracy', 'accuracy', s.accuracy, b?.accuracy, percent, points),
      figure('questions', `${num(s.correct)} of ${num(s.total)} right`, 'questions')),
    h('h3', {}, 'Accuracy per subject'),
    rows.length ? barChart(rows, { max: 1, format: percent, series }) : h('p.muted', {}, 'No subjects yet.'),
  ];
}

function accuracy(score) {
  return Number.isFinite(score.accuracy) ? score.accuracy : (score.total ? score.correct / score.total : NaN);
}

function klView(s, b, series, run) {
  const baseByIndex = new Map((b?.per_prompt ?? []).map(p => [p.index, p.kl]));
  const rows = (s.per_prompt ?? [])
    .map(p => ({ label: p.prompt || `prompt ${p.index + 1}`, value: p.kl, baseline: baseByIndex.get(p.index) }))
    .sort((x, y) => y.value - x.value)
    .slice(0, 25);
  return [
    h('p.muted', {}, `KL(${run.baseline_model ?? 'baseline'} ‖ ${run.model}) of the first generated token, in nats.`),
    h('div.headline', {},
      headline('mean KL', 'mean', s.mean, b?.mean, v => num(v, 4)),
      headline('median KL', 'median', s.median, b?.median, v => num(v, 4)),
      figure('prompts', num(s.per_prompt?.length ?? 0), 'prompts')),
    h('h3', {}, 'KL per prompt (largest first)'),
    rows.length ? barChart(rows, { format: v => num(v, 4), series }) : h('p.muted', {}, 'No prompts yet.'),
  ];
}

function refusalView(s, b, series) {
  const baseByIndex = new Map((b?.per_prompt ?? []).map(p => [p.index, p]));
  const prompts = s.per_prompt ?? [];
  return [
    h('div.headline', {},
      headline('refusal rate', 'rate', s.rate, b?.rate, percent, points),
      figure('refusals', `${num(s.refusals)} of ${num(prompts.length)}`, 'refusals')),
    barChart([{ label: 'refusal rate', value: s.rate, baseline: b?.rate }], { max: 1, format: percent, series }),
    h('h3', {}, `Per prompt (${prompts.length})`),
    prompts.length
      ? h('table.data-table.per-prompt', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'prompt'), h('th', {}, 'response'), h('th', {}, 'refused'), b ? h('th', {}, 'baseline refused') : null)),
        h('tbody', {}, prompts.map(p => h('tr', { dataset: { refused: String(Boolean(p.refused)) } },
          h('td.text', {}, p.prompt ?? ''), h('td.text', {}, p.response ?? ''), h('td', {}, p.refused ? 'yes' : 'no'),
          b ? h('td', {}, yesNo(baseByIndex.get(p.index)?.refused)) : null))))
      : h('p.muted', {}, 'No prompts yet.'),
  ];
}

function yesNo(value) {
  return value === undefined ? '–' : (value ? 'yes' : 'no');
}

function captureView(s) {
  const prompts = s.per_prompt ?? [];
  return [
    h('div.headline', {},
      figure('steps captured', num(s.steps), 'steps'),
      figure('Zarr stores', bytes(s.store_bytes), 'store-bytes')),
    h('p', {}, 'Each prompt\'s capture is a Zarr v2 store in the export (one chunk per step and layer); open it with zarr-python or any Zarr reader.'),
    prompts.length
      ? h('table.data-table.per-prompt', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'prompt'), h('th', {}, 'generated'), h('th.num', {}, 'steps'), h('th', {}, 'store in the export'))),
        h('tbody', {}, prompts.map(p => h('tr', {},
          h('td.text', {}, p.prompt ?? ''), h('td.text', {}, p.text ?? ''), h('td.num', {}, num(p.steps)), h('td', {}, h('code', {}, p.store ?? ''))))))
      : h('p.muted', {}, 'No prompts yet.'),
  ];
}
