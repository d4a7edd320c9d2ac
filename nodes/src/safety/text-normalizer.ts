import { buildTraditionalTable } from './traditional/traditional-table.js';

/**
 * Folds text so that evasions match the plain word: full-width → half-width, upper → lower case,
 * traditional → simplified Chinese, zero-width characters dropped, and separators inside a spelled-out word removed ("f.u.c.k",
 * "法 轮"). Every normalized code unit keeps the index of the original one it came from, so a hit
 * is reported (and redacted) where it is in the text the user wrote.
 */
export interface NormalizedText {
  text: string;
  /** For each code unit of `text`, its index in the original. */
  map: Int32Array;
}

export const SEPARATOR = 1;
export const INVISIBLE = 2;
export const CJK = 3;
export const WORD = 4;
const SENTENCE_PUNCTUATION = [0x2c, 0x3b, 0x3a, 0x21, 0x3f, 0x3001, 0x3002, 0xff61, 0xff64];
const FOLD = buildFoldTable();
let traditionalFolded = false;

/**
 * The fold table with traditional → simplified characters added (法輪功 → 法轮功). Built on first
 * use, not at import: it costs a few hundred ms, which a process that never checks text should
 * not pay.
 */
export function foldTable(): Uint16Array {
  if (!traditionalFolded) {
    buildTraditionalTable(FOLD);
    traditionalFolded = true;
  }
  return FOLD;
}
/** 1 = separator, 2 = dropped (zero-width), 3 = CJK, 4 = Latin letter or digit. */
export const CLASS = buildClassTable();

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    let folded = c;
    if (c >= 0xff01 && c <= 0xff5e) folded = c - 0xfee0;
    else if (c === 0x3000) folded = 0x20;
    else if (c < 0xd800 || c > 0xdfff) {
      const lower = String.fromCharCode(c).toLowerCase();
      if (lower.length === 1) folded = lower.charCodeAt(0);
    }
    if (folded >= 0x41 && folded <= 0x5a) folded += 32;
    table[c] = folded;
  }
  return table;
}

function buildClassTable(): Uint8Array {
  const table = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    const f = FOLD[c] ?? c;
    // Sentence punctuation ends a word: "方法，轮到你" must not read as "法轮".
    if (SENTENCE_PUNCTUATION.includes(f) || SENTENCE_PUNCTUATION.includes(c)) continue;
    if ((f >= 0x30 && f <= 0x39) || (f >= 0x61 && f <= 0x7a) || (f >= 0xc0 && f <= 0x24f && f !== 0xd7 && f !== 0xf7)) {
      table[c] = WORD;
    } else if (
      (f >= 0x4e00 && f <= 0x9fff) ||
      (f >= 0x3400 && f <= 0x4dbf) ||
      (f >= 0x3040 && f <= 0x30ff) ||
      (f >= 0xac00 && f <= 0xd7af)
    ) {
      table[c] = CJK;
    } else if (f === 0x200b || f === 0x200c || f === 0x200d || f === 0x2060 || f === 0xfeff || f === 0xad) {
      table[c] = INVISIBLE;
    } else if (
      f <= 0x20 ||
      (f >= 0x21 && f <= 0x7e) ||
      f === 0xa0 ||
      f === 0xb7 ||
      f === 0x30fb ||
      f === 0x2022 ||
      f === 0x2605 ||
      f === 0x2606 ||
      (f >= 0x2000 && f <= 0x200a)
    ) {
      table[c] = SEPARATOR;
    }
  }
  return table;
}

export function isWordChar(code: number): boolean {
  return CLASS[code] === WORD;
}

/** Folds one pattern the same way (no separator logic: a pattern is written plainly). */
export function foldPattern(pattern: string): string {
  const fold = foldTable();
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (CLASS[c] !== INVISIBLE) out += String.fromCharCode(fold[c] ?? c);
  }
  return out.trim();
}

/** True when the word character at i stands alone between separators (or the ends). */
function standsAlone(text: string, i: number): boolean {
  const before = i === 0 ? SEPARATOR : CLASS[text.charCodeAt(i - 1)];
  const after = i + 1 >= text.length ? SEPARATOR : CLASS[text.charCodeAt(i + 1)];
  return before !== WORD && after !== WORD;
}

export function normalizeText(original: string): NormalizedText {
  const fold = foldTable();
  const length = original.length;
  const out = new Uint16Array(length);
  const map = new Int32Array(length);
  let n = 0;
  let i = 0;
  while (i < length) {
    const c = original.charCodeAt(i);
    const kind = CLASS[c];
    if (kind === INVISIBLE) {
      i++;
      continue;
    }
    if (kind !== SEPARATOR) {
      out[n] = fold[c] ?? c;
      map[n++] = i++;
      continue;
    }
    // A run of separators (and invisibles): joined away inside a spelled-out word, else one space.
    const runStart = i;
    while (i < length && (CLASS[original.charCodeAt(i)] === SEPARATOR || CLASS[original.charCodeAt(i)] === INVISIBLE))
      i++;
    if (n > 0 && i < length && joins(original, runStart, i)) continue;
    out[n] = 0x20;
    map[n++] = runStart;
  }
  return { text: decode(out, n), map: map.subarray(0, n) };
}

/** Whether the separator run [start, end) sits inside an evasion: between CJK, or between lone letters. */
export function joins(original: string, start: number, end: number): boolean {
  const prevIndex = previousVisible(original, start);
  if (prevIndex < 0) return false;
  const prev = CLASS[original.charCodeAt(prevIndex)];
  const next = CLASS[original.charCodeAt(end)];
  if (prev === CJK && next === CJK) return true;
  return prev === WORD && next === WORD && standsAlone(original, prevIndex) && standsAlone(original, end);
}

function previousVisible(original: string, before: number): number {
  let j = before - 1;
  while (j >= 0 && CLASS[original.charCodeAt(j)] === INVISIBLE) j--;
  return j;
}

const decoder = new TextDecoder('utf-16le');

function decode(units: Uint16Array, length: number): string {
  if (length < 64) return String.fromCharCode(...units.subarray(0, length));
  return decoder.decode(units.subarray(0, length));
}
