// The conversation as tokens: every token is a button-like span that opens the lens at its position.

import { h, replace } from '../dom.js';
import { visibleToken } from '../format.js';

export class Transcript {
  /** `onToken(position)` when a token is clicked. */
  constructor(node, onToken) {
    this.node = node;
    this.onToken = onToken;
    this.tokens = new Map();
    this.selected = null;
    this.node.addEventListener('click', e => {
      const span = e.target.closest('.tok');
      if (span) this.onToken(Number(span.dataset.position));
    });
    this.node.addEventListener('keydown', e => {
      const span = e.target.closest('.tok');
      if (span && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); this.onToken(Number(span.dataset.position)); }
    });
  }

  /** Token text at a position of the conversation, when known. */
  tokenAt(position) {
    return this.tokens.get(position)?.text;
  }

  empty(text) {
    this.tokens.clear();
    replace(this.node, h('p.empty', {}, text));
  }

  /** Shows a whole conversation from its tokens [{position,id,text,role}], grouped into messages by role. */
  show(tokens) {
    this.tokens.clear();
    replace(this.node);
    if (!tokens?.length) { this.empty('No messages yet.'); return; }
    let block = null;
    for (const token of tokens) {
      if (!block || block.dataset.role !== (token.role ?? '')) block = this.block(token.role ?? '');
      block.querySelector('.body').append(this.span(token));
    }
    this.highlight(this.selected);
  }

  /** Starts a turn in progress: the user's text as sent, and an empty assistant message to stream into. */
  beginTurn(text) {
    this.node.querySelector('p.empty')?.remove();
    const user = this.block('user', true);
    user.querySelector('.body').textContent = text;
    this.streaming = this.block('assistant', true);
    return this.streaming;
  }

  /** Appends one streamed token {position,id,text}. */
  append(token) {
    this.streaming?.querySelector('.body').append(this.span({ ...token, role: 'assistant' }));
    this.node.scrollTop = this.node.scrollHeight;
  }

  highlight(position) {
    this.selected = position;
    for (const el of this.node.querySelectorAll('.tok.selected')) el.classList.remove('selected');
    if (position !== null && position !== undefined)
      this.node.querySelector(`.tok[data-position="${position}"]`)?.classList.add('selected');
  }

  block(role, pending = false) {
    const block = h('div.message', { dataset: { role } },
      h('div.role', {}, role || 'text'),
      h('div.body'));
    if (pending) block.classList.add('pending');
    this.node.append(block);
    return block;
  }

  span(token) {
    this.tokens.set(token.position, token);
    return h('span.tok', {
      dataset: { position: String(token.position), role: token.role ?? '' },
      tabIndex: 0,
      role: 'button',
      title: `position ${token.position}: ${visibleToken(token.text)} — click for the logit lens`,
    }, token.text);
  }
}
