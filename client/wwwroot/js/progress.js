// A progress bar with done/total and the time left, as runs report it.

import { h } from './dom.js';
import { duration } from './format.js';

/** A bar for `done` of `total`; `eta` in seconds (null when unknown); status words replace the ETA when finished. */
export function progressBar({ done = 0, total = 0, eta = null, status = '' }) {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const finished = ['completed', 'failed', 'cancelled'].includes(status);
  const tail = finished ? status : (eta !== null && eta !== undefined ? `ETA ${duration(eta)}` : (status === 'queued' ? 'queued' : 'ETA –'));
  return h('div.progress', {
    role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(total), 'aria-valuenow': String(done),
    dataset: { done: String(done), total: String(total), status },
    title: `${done} of ${total}`,
  },
  h('div.fill', { style: { width: `${(fraction * 100).toFixed(1)}%` } }),
  h('span.label', {}, `${done} / ${total || '?'} · ${tail}`));
}
