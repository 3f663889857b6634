// Tokens the researcher tracks across layers, by id with their text; kept for the page's lifetime.

export class Pins extends EventTarget {
  constructor() {
    super();
    this.tokens = new Map();
  }

  has(id) { return this.tokens.has(id); }
  get list() { return [...this.tokens.values()]; }

  toggle({ id, token }) {
    if (this.tokens.has(id)) this.tokens.delete(id);
    else this.tokens.set(id, { id, token });
    this.dispatchEvent(new Event('change'));
  }

  remove(id) {
    if (this.tokens.delete(id)) this.dispatchEvent(new Event('change'));
  }
}
