// The chat page: conversations on the left, the token-level transcript in the middle, and the logit lens
// and attention of the clicked token on the right.

import { startPage } from '../page.js';
import { byId, h, replace } from '../dom.js';
import { ConversationList } from './conversation-list.js';
import { Transcript } from './transcript.js';
import { Composer } from './composer.js';
import { LensPanel } from '../lens/lens-panel.js';
import { AttentionPanel } from '../attention/attention-panel.js';

class ChatPage {
  constructor(api, notices) {
    this.api = api;
    this.notices = notices;
    this.models = [];
    this.current = null;
    this.modelSelect = byId('model-select');
    this.title = byId('chat-title');
    this.transcript = new Transcript(byId('transcript'), position => this.openLens(position));
    this.composer = new Composer((message, sampling) => this.send(message, sampling), () => this.abort?.abort());
    const tokenAt = position => this.transcript.tokenAt(position);
    this.attention = new AttentionPanel(byId('attention'), tokenAt);
    this.lens = new LensPanel(byId('lens'), api, notices, { tokenAt, onData: data => this.attention.show(data) });
    this.list = new ConversationList(byId('conversation-list'), api, notices, id => this.open(id));
    byId('new-conversation').addEventListener('click', () => this.list.select(null));
    window.addEventListener('hashchange', () => {
      const id = conversationInHash();
      if (id !== this.current) this.list.select(id);
    });
  }

  async start() {
    await Promise.all([this.loadModels(), this.list.load()]);
    this.list.select(conversationInHash());
  }

  async loadModels() {
    this.modelsFailed = false;
    try {
      this.models = (await this.api.modelInfo())?.models ?? [];
    } catch (error) {
      this.models = [];
      this.modelsFailed = true;
      this.notices.error(error, { context: 'Loading the models', retry: () => this.loadModels().then(() => this.showModelChoice()) });
    }
    this.showModelChoice();
  }

  showModelChoice() {
    replace(this.modelSelect, this.models.map(m => h('option', { value: m.name }, modelLabel(m))));
    if (!this.models.length) {
      this.modelSelect.append(h('option', { value: '' }, 'no models'));
      this.composer.setUnavailable(this.modelsFailed
        ? 'Chat is off until the model list loads (see the message above).'
        : 'No model is available in the cluster, so chat is off. Ask an operator to set LENS_MODELS.');
    } else {
      this.composer.setUnavailable(null);
    }
  }

  modelNamed(name) {
    return this.models.find(m => m.name === name) ?? null;
  }

  /** Shows a conversation (or a fresh one for null). */
  async open(id) {
    this.current = id;
    setHash(id);
    this.lens.empty('Click any token in the conversation to see what every layer predicted there.');
    this.attention.empty('Click a token to see where each head attends from it.');
    if (!id) {
      this.title.textContent = 'New conversation';
      this.modelSelect.disabled = false;
      this.transcript.empty('Write a message below to start a conversation.');
      this.lens.setModel(this.modelNamed(this.modelSelect.value));
      return;
    }
    try {
      const conversation = await this.api.conversation(id);
      if (this.current !== id) return;
      this.showConversation(conversation);
    } catch (error) {
      if (this.current !== id) return;
      this.transcript.empty('This conversation could not be opened.');
      this.notices.error(error, { context: `Opening conversation ${id}`, retry: () => this.open(id) });
    }
  }

  showConversation(conversation) {
    this.title.textContent = conversation.title || 'Untitled';
    if (conversation.model) this.modelSelect.value = conversation.model;
    this.modelSelect.disabled = true;
    this.lens.setModel(this.modelNamed(conversation.model));
    this.transcript.show(conversation.tokens);
  }

  /** Sends a turn; a retry passes the same turnId, so a turn the server saved just before failing is not added twice. */
  async send(message, sampling, turnId = newTurnId()) {
    const request = { ...sampling, message, turn_id: turnId };
    if (this.current) request.conversation_id = this.current;
    else request.model = this.modelSelect.value;
    this.abort = new AbortController();
    this.composer.setBusy(true);
    this.composer.say('Generating…');
    this.transcript.beginTurn(message);
    let count = 0;
    try {
      const done = await this.api.chatStream(request, token => { count++; this.transcript.append(token); this.composer.say(`Generating… ${count} tokens`); },
        { signal: this.abort.signal });
      this.composer.clear();
      this.composer.say(`${count} tokens · ${done.finish_reason ?? 'done'}`);
      await this.afterTurn(done.conversation_id);
    } catch (error) {
      if (error.name === 'AbortError') this.composer.say('Stopped.');
      else {
        this.composer.say('');
        this.notices.error(error, { context: 'Chat', retry: () => this.send(message, sampling, turnId) });
      }
      await this.afterTurn(this.current);
    } finally {
      this.composer.setBusy(false);
      this.abort = null;
    }
  }

  /** Re-reads the conversation so the transcript holds the server's tokens (template tokens included). */
  async afterTurn(id) {
    if (!id) { this.transcript.empty('Write a message below to start a conversation.'); return; }
    this.current = id;
    setHash(id);
    await this.list.load();
    this.list.mark(id);
    // A model loads on first use: only then does the list know its layers (which the lens's stride needs).
    if (!this.modelNamed(this.modelSelect.value)?.layers) await this.loadModels();
    try {
      this.showConversation(await this.api.conversation(id));
    } catch (error) {
      this.notices.error(error, { context: `Reloading conversation ${id}` });
    }
  }

  openLens(position) {
    if (!this.current) return;
    this.transcript.highlight(position);
    this.lens.show(this.current, position);
  }
}

/** "stories260K (llama, 5 layers)"; a model no silo has loaded yet shows what is known and says so. */
function modelLabel(m) {
  const shape = [m.family, m.layers ? `${m.layers} layers` : null].filter(Boolean).join(', ');
  return `${m.name}${shape ? ` (${shape})` : ''}${m.loaded === false ? ' · loads on first use' : ''}`;
}

function conversationInHash() {
  const match = /^#c=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function setHash(id) {
  const hash = id ? `#c=${encodeURIComponent(id)}` : '';
  if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname);
}

startPage('chat', ({ api, notices }) => new ChatPage(api, notices).start());

/** A random UUID; crypto.randomUUID needs a secure context, which a page served over plain http to a LAN address is not. */
function newTurnId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
