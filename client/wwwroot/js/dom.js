// Building DOM nodes without a framework: h('div.cell', {title: 'x'}, child, ...).

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an element from a tag with optional `.class` and `#id` parts, attributes/properties and children. */
export function h(spec, props = {}, ...children) {
  return build(document.createElement(tagOf(spec)), spec, props, children);
}

/** The same for SVG elements (attributes only). */
export function svg(spec, props = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tagOf(spec)), spec, props, children);
}

function tagOf(spec) {
  return spec.split(/[.#]/)[0] || 'div';
}

function build(node, spec, props, children) {
  for (const part of spec.match(/[.#][^.#]+/g) ?? []) {
    if (part[0] === '.') node.classList.add(part.slice(1));
    else node.id = part.slice(1);
  }
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') { for (const [name, v] of Object.entries(value)) if (v !== undefined && v !== null) node.dataset[name] = v; }
    else if (key === 'style' && typeof value === 'object') Object.assign(node.style, value);
    else if (key in node && !(node instanceof SVGElement)) node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces every child of `node` with `children`. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** The element with this id; fails loudly when the page lacks it (a page/script mismatch). */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`page has no element #${id}`);
  return node;
}
