// The form that starts a validation run: kind, models, dataset and a JSON settings object.

import { byId, h, replace } from '../dom.js';

/** Suggested datasets and starting settings per kind (the server validates them and names a bad field). */
const KINDS = {
  kl: { datasets: ['prompts_harmless.txt', 'prompts_harmful.txt'], settings: { batch_size: 8 },
    hint: 'KL(baseline ‖ model) of the first generated token per prompt: choose the baseline model. Settings: batch_size, limit (first N prompts), prompt_column.' },
  refusal: { datasets: ['prompts_harmful.txt', 'prompts_harmless.txt'], settings: { max_new_tokens: 32 },
    hint: 'Share of prompts the model refuses. Settings: max_new_tokens, refusal_markers, batch_size, limit, prompt_column.' },
  mmlu: { datasets: ['mmlu_sample.jsonl'], settings: { shots: 3 },
    hint: 'Multiple-choice accuracy per subject and overall. Settings: shots, batch_size, limit.' },
  capture: { datasets: ['prompts_harmless.txt'], settings: { detail: 'summary', max_new_tokens: 16 },
    hint: 'Records attention into Zarr stores you download when the run completes. Settings: detail (summary, attention_only, top_heads, full), max_new_tokens, top_heads, alternatives, limit.' },
};

export class RunForm {
  /** `onStart(request)` with a validated request body. */
  constructor(onStart, notices) {
    this.form = byId('run-form');
    this.kind = byId('run-kind');
    this.model = byId('run-model');
    this.baseline = byId('run-baseline');
    this.dataset = byId('run-dataset');
    this.settings = byId('run-settings');
    this.hint = byId('run-hint');
    this.button = byId('start-run');
    this.notices = notices;
    this.kind.addEventListener('change', () => this.applyKind());
    this.form.addEventListener('submit', async e => {
      e.preventDefault();
      const request = this.read();
      if (!request) return;
      this.button.disabled = true;
      try { await onStart(request); } finally { this.button.disabled = false; }
    });
    this.applyKind();
  }

  /** Fills the model choices; with none, the form is disabled and says why. */
  setModels(models) {
    const names = models.map(m => m.name);
    replace(this.model, names.map(n => h('option', { value: n }, n)));
    replace(this.baseline, h('option', { value: '' }, '(none)'), names.map(n => h('option', { value: n }, n)));
    this.button.disabled = names.length === 0;
    if (!names.length) this.hint.textContent = 'No model is available in the cluster, so no run can start.';
  }

  applyKind() {
    const kind = KINDS[this.kind.value];
    replace(byId('dataset-suggestions'), kind.datasets.map(d => h('option', { value: d })));
    this.dataset.value = kind.datasets[0];
    this.settings.value = JSON.stringify(kind.settings, null, 2);
    this.hint.textContent = kind.hint;
  }

  /** The request body, or null after telling the user which field is wrong. */
  read() {
    const fail = (field, text) => { this.notices.error({ status: 400, title: `${field}: ${text}` }); return null; };
    if (!this.model.value) return fail('model', 'choose a model');
    const dataset = this.dataset.value.trim();
    if (!dataset) return fail('dataset', 'name a dataset');
    let settings;
    try {
      settings = this.settings.value.trim() ? JSON.parse(this.settings.value) : {};
    } catch (e) {
      return fail('settings', `not valid JSON (${e.message})`);
    }
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return fail('settings', 'must be a JSON object like {"batch_size": 8}');
    const request = { kind: this.kind.value, model: this.model.value, dataset, settings };
    if (this.baseline.value) request.baseline_model = this.baseline.value;
    return request;
  }
}
