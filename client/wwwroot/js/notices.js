// Telling people what went wrong: problem details, a Retry-After countdown, a retry button.

import { h } from './dom.js';

/** A page's notice area (role=alert). */
export class Notices {
  constructor(node) {
    this.node = node;
  }

  /** Shows an error; `retry` (optional) is offered as a button, after Retry-After has passed for 429. */
  error(error, { retry, context } = {}) {
    console.warn(context ?? 'error', error);
    const status = error?.status ?? 0;
    const title = error?.title ?? error?.message ?? String(error);
    const notice = h('div.notice.error', { role: 'alert', dataset: { status: String(status) } },
      h('strong', {}, context ? `${context}: ${title}` : title),
      error?.detail ? h('span.detail', {}, ` — ${error.detail}`) : null,
      hintFor(status) ? h('span.hint', {}, ` ${hintFor(status)}`) : null);
    if (retry) notice.append(retryButton(error, () => { notice.remove(); retry(); }));
    notice.append(h('button.dismiss', { type: 'button', title: 'Dismiss', 'aria-label': 'Dismiss', onclick: () => notice.remove() }, '×'));
    this.node.append(notice);
    return notice;
  }

  /** A short-lived informational line. */
  info(text) {
    const notice = h('div.notice.info', { role: 'status' }, text,
      h('button.dismiss', { type: 'button', 'aria-label': 'Dismiss', onclick: () => notice.remove() }, '×'));
    this.node.append(notice);
    setTimeout(() => notice.remove(), 6000);
    return notice;
  }

  clear() {
    this.node.replaceChildren();
  }
}

function hintFor(status) {
  switch (status) {
    case 0: return 'Check that the Lens client is running.';
    case 401: return 'Please sign in again.';
    case 429: return 'The server is busy.';
    case 503: return 'The cluster or the model is unavailable right now; try again shortly.';
    default: return '';
  }
}

function retryButton(error, retry) {
  const button = h('button.retry', { type: 'button', onclick: retry }, 'Retry');
  if (error?.status === 429) countDown(button, Math.max(1, error.retryAfter ?? 1));
  return button;
}

/** Keeps the button disabled, showing the seconds left, until the server's Retry-After has passed. */
function countDown(button, seconds) {
  button.disabled = true;
  button.textContent = `Retry in ${seconds} s`;
  const timer = setInterval(() => {
    seconds--;
    if (seconds > 0) { button.textContent = `Retry in ${seconds} s`; return; }
    clearInterval(timer);
    button.disabled = false;
    button.textContent = 'Retry';
  }, 1000);
}
