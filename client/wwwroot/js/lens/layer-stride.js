// Which layers to ask the lens for: every `stride`-th layer, always ending with the last one,
// so deep models stay readable (a 32-layer model at stride 4 shows 0,4,…,28,31).

/** The stride that keeps a model at no more than `maxRows` lens rows. */
export function autoStride(layerCount, maxRows = 16) {
  return Math.max(1, Math.ceil(layerCount / maxRows));
}

/** Layers 0, s, 2s, … plus the final layer. */
export function layersFor(layerCount, stride) {
  if (!Number.isInteger(layerCount) || layerCount < 1) return [];
  const s = Math.max(1, Math.floor(stride));
  const layers = [];
  for (let l = 0; l < layerCount; l += s) layers.push(l);
  if (layers[layers.length - 1] !== layerCount - 1) layers.push(layerCount - 1);
  return layers;
}
