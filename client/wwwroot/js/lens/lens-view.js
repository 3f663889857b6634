// A read-only view of one /api/activations answer: cells by (position, layer), the next input token, ranges.

export class LensView {
  constructor(data, tokenAt) {
    this.data = data;
    this.layers = data.layers ?? [];
    this.tokens = data.tokens ?? [];
    this.position = data.position;
    this.tokenAt = tokenAt;
    this.maxEntropy = flat(data.entropy).reduce((a, b) => Math.max(a, b), 1e-9);
    this.maxRank = flat(data.next_rank).reduce((a, b) => Math.max(a, b), 1);
  }

  /** Column index of an absolute position, or -1. */
  column(position) { return this.tokens.findIndex(t => t.position === position); }

  cell(col, row) { return this.data.cells?.[col]?.[row] ?? null; }
  entropy(col, row) { return this.data.entropy?.[col]?.[row] ?? null; }

  /** 0-based rank of the next input token, or null where there is none (the last position). */
  nextRank(col, row) {
    const r = this.data.next_rank?.[col]?.[row];
    return r === undefined || r === null || r < 0 ? null : r;
  }

  nextProb(col, row) {
    return this.nextRank(col, row) === null ? null : (this.data.next_prob?.[col]?.[row] ?? null);
  }

  /** Text of the input token after column `col`: the next column, or the conversation's token after the clicked one. */
  nextToken(col) {
    const here = this.tokens[col];
    if (!here) return undefined;
    return this.tokens[col + 1]?.text ?? this.tokenAt?.(here.position + 1);
  }

  /** Tracked tokens at a column: every top-k entry of any layer that carries a trajectory, first seen first. */
  trajectories(col) {
    const byId = new Map();
    for (let row = 0; row < this.layers.length; row++)
      for (const entry of this.cell(col, row)?.topk ?? [])
        if (Array.isArray(entry.trajectory) && !byId.has(entry.id)) byId.set(entry.id, entry);
    return byId;
  }
}

function flat(grid) {
  return (grid ?? []).flat().filter(v => Number.isFinite(v) && v >= 0);
}
