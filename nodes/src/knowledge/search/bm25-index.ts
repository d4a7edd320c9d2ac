import { grow } from './growable.js';
import { TopK } from './top-k.js';

const K1 = 1.2;
const B = 0.75;

interface Postings {
  slots: Int32Array;
  tfs: Uint16Array;
  length: number;
  /** Live chunks holding the term (postings of removed chunks stay until the next rebuild). */
  df: number;
}

export interface Bm25Hit {
  id: number;
  score: number;
}

/**
 * Okapi BM25 (k1 1.2, b 0.75) over an inverted index of typed arrays. Chunks are identified by
 * slot numbers the knowledge index hands out; a removed chunk's postings are skipped at query time.
 */
export class Bm25Index {
  readonly #termIds = new Map<string, number>();
  readonly #postings: Postings[] = [];
  #lengths = new Float32Array(1024);
  #live = 0;
  #totalLength = 0;
  #scratch = new Float64Array(0);

  get size(): number {
    return this.#live;
  }

  add(slot: number, terms: readonly string[]): void {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    this.#lengths = grow(this.#lengths, slot + 1);
    this.#lengths[slot] = Math.max(1, terms.length);
    this.#live++;
    this.#totalLength += Math.max(1, terms.length);
    for (const [term, tf] of counts) {
      let id = this.#termIds.get(term);
      if (id === undefined) {
        id = this.#postings.length;
        this.#termIds.set(term, id);
        this.#postings.push({ slots: new Int32Array(4), tfs: new Uint16Array(4), length: 0, df: 0 });
      }
      const p = this.#postings[id] as Postings;
      p.slots = grow(p.slots, p.length + 1);
      p.tfs = grow(p.tfs, p.length + 1);
      p.slots[p.length] = slot;
      p.tfs[p.length] = Math.min(tf, 65_535);
      p.length++;
      p.df++;
    }
  }

  /** `terms` must be what was added for the slot (the analyzer is deterministic). */
  remove(slot: number, terms: readonly string[]): void {
    const length = this.#lengths[slot] ?? 0;
    if (length === 0) return;
    this.#lengths[slot] = 0;
    this.#live--;
    this.#totalLength -= length;
    for (const term of new Set(terms)) {
      const id = this.#termIds.get(term);
      const p = id === undefined ? undefined : this.#postings[id];
      if (p) p.df = Math.max(0, p.df - 1);
    }
  }

  /** The most relevant slots, best first; `allowed` (by slot) restricts the search to those chunks. */
  search(queryTerms: readonly string[], k: number, allowed?: Uint8Array): Bm25Hit[] {
    const weights = new Map<number, number>();
    for (const term of queryTerms) {
      const id = this.#termIds.get(term);
      if (id !== undefined) weights.set(id, (weights.get(id) ?? 0) + 1);
    }
    if (weights.size === 0 || this.#live === 0) return [];
    if (this.#scratch.length < this.#lengths.length) this.#scratch = new Float64Array(this.#lengths.length);
    const scores = this.#scratch;
    const touched: number[] = [];
    const averageLength = this.#totalLength / this.#live;
    for (const [id, queryCount] of weights) {
      const p = this.#postings[id] as Postings;
      const idf = this.idf(p.df) * queryCount;
      for (let i = 0; i < p.length; i++) {
        const slot = p.slots[i] as number;
        const length = this.#lengths[slot] as number;
        if (length === 0 || (allowed && allowed[slot] !== 1)) continue;
        const tf = p.tfs[i] as number;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] =
          (scores[slot] as number) + (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
      }
    }
    const top = new TopK(k);
    for (const slot of touched) {
      top.push(slot, scores[slot] as number);
      scores[slot] = 0;
    }
    return top.sorted();
  }

  /** The score a chunk would get holding every query term, saturated: the scale of `search` scores. */
  maxScore(queryTerms: readonly string[]): number {
    let max = 0;
    for (const term of queryTerms) {
      const id = this.#termIds.get(term);
      const p = id === undefined ? undefined : this.#postings[id];
      if (p) max += this.idf(p.df) * (K1 + 1);
    }
    return max;
  }

  idf(df: number): number {
    return Math.log(1 + (this.#live - df + 0.5) / (df + 0.5));
  }

  snapshot(): { header: Bm25Header; arrays: Record<string, Int32Array | Uint16Array | Float32Array> } {
    const offsets = new Int32Array(this.#postings.length + 1);
    const df = new Int32Array(this.#postings.length);
    this.#postings.forEach((p, i) => {
      offsets[i + 1] = (offsets[i] as number) + p.length;
      df[i] = p.df;
    });
    const total = offsets[this.#postings.length] as number;
    const slots = new Int32Array(total);
    const tfs = new Uint16Array(total);
    this.#postings.forEach((p, i) => {
      slots.set(p.slots.subarray(0, p.length), offsets[i]);
      tfs.set(p.tfs.subarray(0, p.length), offsets[i]);
    });
    const header = { terms: [...this.#termIds.keys()], live: this.#live, totalLength: this.#totalLength };
    return { header, arrays: { offsets, df, slots, tfs, lengths: this.#lengths } };
  }

  static restore(header: Bm25Header, arrays: ReadonlyMap<string, unknown>): Bm25Index {
    const index = new Bm25Index();
    const offsets = arrays.get('offsets') as Int32Array;
    const df = arrays.get('df') as Int32Array;
    const slots = arrays.get('slots') as Int32Array;
    const tfs = arrays.get('tfs') as Uint16Array;
    header.terms.forEach((term, i) => {
      index.#termIds.set(term, i);
      const start = offsets[i] as number;
      const end = offsets[i + 1] as number;
      index.#postings.push({
        slots: slots.slice(start, end),
        tfs: tfs.slice(start, end),
        length: end - start,
        df: df[i] as number,
      });
    });
    index.#lengths = (arrays.get('lengths') as Float32Array).slice();
    index.#live = header.live;
    index.#totalLength = header.totalLength;
    return index;
  }
}

export interface Bm25Header {
  terms: string[];
  live: number;
  totalLength: number;
}
