// The signed-in user's conversations: pick one, start a new one, delete one (two clicks).

import { h, replace } from '../dom.js';
import { when } from '../format.js';

export class ConversationList {
  /** `onSelect(id|null)` when one is picked (null: a new conversation). */
  constructor(node, api, notices, onSelect) {
    this.node = node;
    this.api = api;
    this.notices = notices;
    this.onSelect = onSelect;
    this.items = [];
    this.selected = null;
  }

  async load() {
    try {
      this.items = await this.api.conversations() ?? [];
    } catch (error) {
      this.notices.error(error, { context: 'Loading conversations', retry: () => this.load() });
      this.items = [];
    }
    this.render();
    return this.items;
  }

  select(id) {
    this.selected = id;
    this.render();
    this.onSelect(id);
  }

  /** Marks `id` as current without asking the page to load it (it already shows it). */
  mark(id) {
    this.selected = id;
    this.render();
  }

  render() {
    if (!this.items.length) {
      replace(this.node, h('li.empty', {}, 'No conversations yet — write a message to start one.'));
      return;
    }
    const sorted = [...this.items].sort((a, b) => String(b.created).localeCompare(String(a.created)));
    replace(this.node, sorted.map(c => this.item(c)));
  }

  item(c) {
    const remove = h('button.delete', { type: 'button', title: 'Delete this conversation' }, '×');
    remove.addEventListener('click', async e => {
      e.stopPropagation();
      if (!remove.classList.contains('confirm')) {
        remove.classList.add('confirm');
        remove.textContent = 'Delete?';
        return;
      }
      await this.remove(c.id);
    });
    return h('li.conversation', {
      dataset: { id: c.id },
      'aria-current': c.id === this.selected ? 'true' : undefined,
      tabIndex: 0,
      onclick: () => this.select(c.id),
      onkeydown: e => { if (e.key === 'Enter') this.select(c.id); },
    },
    h('div.title', {}, c.title || 'Untitled'),
    h('div.meta', {}, `${c.model ?? ''} · ${c.turns ?? 0} turns · ${c.tokens ?? 0} tokens`),
    h('div.meta', {}, when(c.created)),
    remove);
  }

  async remove(id) {
    try {
      await this.api.deleteConversation(id);
      this.items = this.items.filter(c => c.id !== id);
      if (this.selected === id) this.select(null);
      else this.render();
    } catch (error) {
      this.notices.error(error, { context: 'Deleting the conversation' });
      this.render();
    }
  }
}
