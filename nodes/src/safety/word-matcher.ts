import { AhoCorasick, type AutomatonTables } from './aho-corasick.js';
import { CLASS, foldPattern, foldTable, INVISIBLE, joins, SEPARATOR, WORD } from './text-normalizer.js';

export interface WordEntry {
  word: string;
  category: string;
}

/** A word found in a text, where the user wrote it (offsets into the original text). */
export interface WordHit {
  start: number;
  end: number;
  word: string;
  category: string;
  /** The text as written, e.g. "f.u.c.k" or "法 轮". */
  match: string;
  /** The hit ends at the end of the text and needs a word boundary after it that has not come yet. */
  open: boolean;
}

interface Pattern extends WordEntry {
  /** Latin letters at an edge must sit on a word boundary ("ass" is not in "class"). */
  left: boolean;
  right: boolean;
}

/**
 * Finds many words in one pass: text is normalized on the fly (see text-normalizer.ts) and fed to
 * one Aho-Corasick automaton; hits are mapped back to the original text through a small ring of
 * original offsets, so nothing the size of the text is allocated.
 */
export class WordMatcher {
  readonly size: number;
  /** Longest word, in normalized code units: how much a streaming filter must hold back. */
  readonly maxLength: number;
  readonly #tables: AutomatonTables;
  readonly #patterns: Pattern[];
  readonly #ringMask: number;

  constructor(entries: readonly WordEntry[]) {
    const byFolded = new Map<string, Pattern>();
    for (const entry of entries) {
      const folded = foldPattern(entry.word);
      if (!folded || byFolded.has(folded)) continue;
      const left = CLASS[folded.charCodeAt(0)] === WORD;
      const right = CLASS[folded.charCodeAt(folded.length - 1)] === WORD;
      byFolded.set(folded, { word: entry.word, category: entry.category, left, right });
    }
    this.#patterns = [...byFolded.values()];
    const automaton = new AhoCorasick([...byFolded.keys()]);
    this.#tables = automaton.tables();
    this.size = this.#patterns.length;
    this.maxLength = automaton.maxLength;
    let ring = 2;
    while (ring <= this.maxLength) ring *= 2;
    this.#ringMask = ring - 1;
  }

  /**
   * Every hit, overlapping ones included, as (start, end, pattern) in original offsets. The
   * normalizer and the automaton step share one loop with every table in a local: this loop is
   * the whole cost of the keyword check.
   */
  scan(text: string, onHit: (start: number, end: number, pattern: number) => void): void {
    const { rootNext, hashState, hashSymbol, hashTarget, hashMask, fail, output, dictLink, depth } = this.#tables;
    // Imported tables copied to locals: a module binding may be a getter once transpiled.
    const classes = CLASS;
    const fold = foldTable();
    const ringMask = this.#ringMask;
    const ring = new Int32Array(ringMask + 1);
    const length = text.length;
    let n = 0;
    let state = 0;
    let i = 0;
    while (i < length) {
      const code = text.charCodeAt(i);
      const kind = classes[code];
      let symbol = 0x20;
      const origin = i;
      if (kind === INVISIBLE) {
        i++;
        continue;
      }
      if (kind === SEPARATOR) {
        i++;
        while (i < length && (classes[text.charCodeAt(i)] === SEPARATOR || classes[text.charCodeAt(i)] === INVISIBLE))
          i++;
        if (n > 0 && i < length && joins(text, origin, i)) continue;
      } else {
        symbol = fold[code] as number;
        i++;
      }
      ring[n & ringMask] = origin;
      n++;
      // One automaton step: hashed edges, failure links, the root's dense table last.
      let next = 0;
      while (state !== 0) {
        let slot = ((Math.imul(state, 0x9e3779b1) ^ symbol) >>> 0) & hashMask;
        let owner = hashState[slot] as number;
        while (owner >= 0) {
          if (owner === state && hashSymbol[slot] === symbol) {
            next = hashTarget[slot] as number;
            break;
          }
          slot = (slot + 1) & hashMask;
          owner = hashState[slot] as number;
        }
        if (next !== 0) break;
        state = fail[state] as number;
      }
      state = next !== 0 ? next : (rootNext[symbol] as number);
      if (state === 0) continue;
      for (
        let hit = (output[state] as number) >= 0 ? state : (dictLink[state] as number);
        hit >= 0;
        hit = dictLink[hit] as number
      ) {
        onHit(ring[(n - (depth[hit] as number)) & ringMask] as number, origin + 1, output[hit] as number);
      }
    }
  }

  /** Hits on word boundaries, leftmost-longest and non-overlapping. */
  find(text: string): WordHit[] {
    const hits: WordHit[] = [];
    this.scan(text, (start, end, index) => {
      const pattern = this.#patterns[index];
      if (!pattern) return;
      if (pattern.left && start > 0 && CLASS[text.charCodeAt(start - 1)] === WORD) return;
      const atEnd = end >= text.length;
      if (pattern.right && !atEnd && CLASS[text.charCodeAt(end)] === WORD) return;
      const { word, category } = pattern;
      hits.push({ start, end, word, category, match: text.slice(start, end), open: pattern.right && atEnd });
    });
    return leftmostLongest(hits);
  }
}

function leftmostLongest(hits: WordHit[]): WordHit[] {
  if (hits.length < 2) return hits;
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: WordHit[] = [];
  let reach = -1;
  for (const hit of hits) {
    if (hit.start >= reach) {
      kept.push(hit);
      reach = hit.end;
    }
  }
  return kept;
}
