// The message box and its sampling settings, read into a chat request body.

import { byId } from '../dom.js';

export class Composer {
  /** `onSend(message, sampling)` when the form is submitted with a valid message; `onStop()` for the Stop button. */
  constructor(onSend, onStop) {
    this.form = byId('composer');
    this.message = byId('message');
    this.send = byId('send');
    this.stop = byId('stop');
    this.status = byId('chat-status');
    this.form.addEventListener('submit', e => { e.preventDefault(); this.submit(onSend); });
    this.message.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.submit(onSend); }
    });
    this.stop.addEventListener('click', () => onStop());
  }

  submit(onSend) {
    if (this.busy) return;
    const message = this.message.value.trim();
    if (!message) { this.say('Write a message first.'); this.message.focus(); return; }
    let sampling;
    try { sampling = readSampling(); } catch (e) { this.say(e.message); return; }
    onSend(message, sampling);
  }

  /** Locks the form while a turn streams. */
  setBusy(busy) {
    this.busy = busy;
    this.send.disabled = busy || this.unavailable;
    this.stop.hidden = !busy;
    this.message.readOnly = busy;
  }

  /** Disables sending altogether (no model, not signed in) and says why. */
  setUnavailable(reason) {
    this.unavailable = Boolean(reason);
    this.send.disabled = this.unavailable || this.busy;
    this.say(reason ?? '');
  }

  clear() { this.message.value = ''; }
  say(text) { this.status.textContent = text; }
}

/** The sampling fields; optional ones left empty are not sent. Invalid values name their field. */
function readSampling() {
  const body = {};
  const field = (id, key, { integer = false, min, max, required = false } = {}) => {
    const input = byId(id);
    const text = input.value.trim();
    if (!text) { if (required) throw new Error(`${key} is required`); return; }
    const value = Number(text);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)))
      throw new Error(`${key} must be ${integer ? 'a whole number' : 'a number'}, not "${text}"`);
    if (min !== undefined && value < min) throw new Error(`${key} must be at least ${min}`);
    if (max !== undefined && value > max) throw new Error(`${key} must be at most ${max}`);
    body[key] = value;
  };
  field('max-new-tokens', 'max_new_tokens', { integer: true, min: 1, required: true });
  field('temperature', 'temperature', { min: 0 });
  field('top-k', 'top_k', { integer: true, min: 1 });
  field('top-p', 'top_p', { min: 0, max: 1 });
  field('seed', 'seed', { integer: true });
  return body;
}
