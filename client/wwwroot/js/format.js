// How numbers, sizes, durations and token text are shown to people.

const VISIBLE = new Map([[' ', '␣'], ['\n', '↵'], ['\t', '⇥'], ['\r', '␍']]);

/** Token text with whitespace made visible, so " the" and "the" differ on screen; never a bare id. */
export function visibleToken(text) {
  if (text === null || text === undefined) return '∅';
  if (text === '') return '∅';
  return [...text].map(c => VISIBLE.get(c) ?? c).join('');
}

/** A probability as a percentage with sensible precision: 87%, 4.2%, 0.03%. */
export function percent(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  const v = p * 100;
  if (v >= 10) return `${v.toFixed(0)}%`;
  if (v >= 1) return `${v.toFixed(1)}%`;
  return `${v.toPrecision(2)}%`;
}

/** A plain number with at most `digits` decimals. */
export function num(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return Number.isInteger(x) ? x.toLocaleString('en') : x.toFixed(digits);
}

/** Bytes as B / KiB / MiB / GiB. */
export function bytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return i === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

/** Seconds as "45 s", "3 min 20 s", "2 h 5 min". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** An ISO timestamp as local date and time. */
export function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso ?? '') : d.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

/** A long id cut to its first eight characters, for tables (the full id stays in the row's data and title). */
export function shortId(id) {
  const s = String(id ?? '');
  return s.length > 10 ? s.slice(0, 8) + '…' : s;
}
