import type { Chunk } from './chunk/chunker.js';
import type { Filter, FusionWeights, Metadata, MetadataValue, SearchMode } from './model.js';
import { analyze } from './search/analyzer.js';
import { type Bm25Header, Bm25Index } from './search/bm25-index.js';
import { compileFieldTests } from './search/filters.js';
import { fuseRanks } from './search/fusion.js';
import { type VectorHeader, VectorIndex } from './search/vector-index.js';
import { pack, unpack } from './store/binary-pack.js';

export interface IndexedChunk extends Chunk {
  document: string;
}

export interface Candidate {
  chunk: IndexedChunk;
  keyword: { rank: number; score: number } | null;
  vector: { rank: number; score: number } | null;
  fused: number | null;
  /** 0–1 in every mode: normalised BM25, cosine similarity, or normalised RRF. */
  score: number;
}

export interface IndexQuery {
  text: string;
  vector?: Float32Array;
  mode: SearchMode;
  /** Candidates wanted from each retriever. */
  depth: number;
  filters: readonly Filter[];
  weights: FusionWeights;
}

/**
 * The in-memory indexes of one knowledge base: chunks by slot, BM25 and vectors. Every method is
 * synchronous, so a document replaced here is replaced between two searches: a search sees the
 * old version or the new one, never half of each.
 */
export class KnowledgeIndex {
  #chunks: Array<IndexedChunk | undefined> = [];
  readonly #documents = new Map<string, number[]>();
  #bm25 = new Bm25Index();
  #vectors: VectorIndex | undefined;
  /** Filter masks by filter set: a flow's retrieval node asks with the same filters every time. */
  readonly #masks = new Map<string, { mask: Uint8Array; count: number }>();
  readonly #columns = new Map<string, Array<MetadataValue | undefined>>();

  constructor(readonly approximateFrom: number) {}

  get chunkCount(): number {
    return this.#bm25.size;
  }

  /** Slots left empty by replaced and removed chunks. */
  get removedChunks(): number {
    return this.#chunks.length - this.chunkCount;
  }

  get dimensions(): number | undefined {
    return this.#vectors?.dimensions;
  }

  get approximate(): boolean {
    return this.#vectors?.approximate ?? false;
  }

  /** The vector index itself, for the benchmark's recall measurement against the exact scan. */
  vectorIndexForBench(): VectorIndex | undefined {
    return this.#vectors;
  }

  documents(): string[] {
    return [...this.#documents.keys()];
  }

  /** Adds a document's chunks, replacing any earlier version of it, in one step. */
  replaceDocument(document: string, chunks: readonly Chunk[], vectors?: Float32Array): void {
    if (vectors && this.#vectors && vectors.length !== chunks.length * this.#vectors.dimensions) {
      throw new Error(`expected ${chunks.length} vectors of ${this.#vectors.dimensions} dimensions`);
    }
    if (vectors && !this.#vectors && chunks.length > 0) {
      this.#vectors = new VectorIndex(vectors.length / chunks.length, { approximateFrom: this.approximateFrom });
    }
    const analysed = chunks.map((chunk) => analyze(indexText(chunk)));
    this.removeDocument(document);
    this.#forgetFilters();
    const slots = chunks.map((chunk, i) => {
      const slot = this.#chunks.length;
      this.#chunks.push({ ...chunk, document });
      this.#bm25.add(slot, analysed[i] ?? []);
      return slot;
    });
    this.#documents.set(document, slots);
    if (vectors && this.#vectors && slots.length > 0) this.#vectors.add(slots, vectors);
  }

  #forgetFilters(): void {
    this.#masks.clear();
    this.#columns.clear();
  }

  removeDocument(document: string): boolean {
    const slots = this.#documents.get(document);
    if (!slots) return false;
    this.#forgetFilters();
    for (const slot of slots) {
      const chunk = this.#chunks[slot];
      if (chunk) this.#bm25.remove(slot, analyze(indexText(chunk)));
      this.#chunks[slot] = undefined;
    }
    this.#vectors?.remove(slots);
    this.#documents.delete(document);
    return true;
  }

  chunksOf(document: string): IndexedChunk[] {
    return (this.#documents.get(document) ?? []).flatMap((slot) => this.#chunks[slot] ?? []);
  }

  search(query: IndexQuery): Candidate[] {
    const allowed = this.#allowed(query.filters);
    const keyword = query.mode === 'vector' ? undefined : this.#keyword(query.text, query.depth, allowed?.mask);
    const vector = query.mode === 'keyword' ? undefined : this.#vectorHits(query, allowed);
    if (query.mode !== 'hybrid') {
      const hits = (keyword ?? vector)?.hits ?? [];
      const scale = keyword?.scale ?? 1;
      return hits.flatMap((hit, i) => {
        const chunk = this.#chunks[hit.id];
        if (!chunk) return [];
        const rank = { rank: i + 1, score: hit.score };
        return [
          {
            chunk,
            keyword: keyword ? rank : null,
            vector: keyword ? null : rank,
            fused: null,
            score: hit.score / scale,
          },
        ];
      });
    }
    const fused = fuseRanks([
      { hits: keyword?.hits ?? [], weight: query.weights.keyword },
      { hits: vector?.hits ?? [], weight: query.weights.vector },
    ]);
    return fused.flatMap((hit) => {
      const chunk = this.#chunks[hit.id];
      if (!chunk) return [];
      return [
        { chunk, keyword: hit.ranks[0] ?? null, vector: hit.ranks[1] ?? null, fused: hit.fused, score: hit.fused },
      ];
    });
  }

  #keyword(text: string, depth: number, mask?: Uint8Array) {
    const terms = analyze(text);
    return { hits: this.#bm25.search(terms, depth, mask), scale: Math.max(this.#bm25.maxScore(terms), 1e-9) };
  }

  #vectorHits(query: IndexQuery, allowed: { mask: Uint8Array; count: number } | undefined) {
    if (!query.vector || !this.#vectors) return { hits: [] };
    return { hits: this.#vectors.search(query.vector, query.depth, allowed) };
  }

  /**
   * The chunks the filters allow, as a mask by slot: computed once per filter set (and cached until
   * the next change), then used inside both retrievers. Each filter runs down one column of values.
   */
  #allowed(filters: readonly Filter[]): { mask: Uint8Array; count: number } | undefined {
    if (filters.length === 0) return undefined;
    const key = JSON.stringify(filters);
    const cached = this.#masks.get(key);
    if (cached) return cached;
    const mask = new Uint8Array(this.#chunks.length);
    this.#chunks.forEach((chunk, slot) => {
      if (chunk) mask[slot] = 1;
    });
    for (const { field, test } of compileFieldTests(filters)) {
      const column = this.#column(field);
      for (let slot = 0; slot < mask.length; slot++) if (mask[slot] === 1 && !test(column[slot])) mask[slot] = 0;
    }
    let count = 0;
    for (let slot = 0; slot < mask.length; slot++) count += mask[slot] as number;
    if (this.#masks.size >= 32) this.#masks.clear();
    this.#masks.set(key, { mask, count });
    return { mask, count };
  }

  /** One metadata field of every chunk by slot (`document` is the document's name). */
  #column(field: string): Array<MetadataValue | undefined> {
    let column = this.#columns.get(field);
    if (!column) {
      column = this.#chunks.map((chunk) => (field === 'document' ? chunk?.document : chunk?.metadata[field]));
      this.#columns.set(field, column);
    }
    return column;
  }

  /** The whole index as bytes, so a restart loads it instead of re-reading documents. */
  snapshot(generation: number): Uint8Array {
    const bm25 = this.#bm25.snapshot();
    const vectors = this.#vectors?.snapshot();
    const arrays: Record<string, Float32Array | Int32Array | Uint16Array | Uint8Array> = {};
    for (const [name, array] of Object.entries(bm25.arrays)) arrays[`bm25.${name}`] = array;
    for (const [name, array] of Object.entries(vectors?.arrays ?? {})) arrays[`vectors.${name}`] = array;
    const header: SnapshotHeader = {
      version: 1,
      generation,
      approximateFrom: this.approximateFrom,
      chunks: this.#chunks.map((c) =>
        c ? [c.document, c.text, c.tokens, c.position, c.headingPath, c.metadata] : null,
      ),
      bm25: bm25.header,
      vectors: vectors?.header ?? null,
    };
    return pack(header, arrays);
  }

  static restore(bytes: Uint8Array): { index: KnowledgeIndex; generation: number } {
    const { header, arrays } = unpack(bytes);
    const h = header as SnapshotHeader;
    if (h.version !== 1) throw new Error(`unknown snapshot version ${h.version}`);
    const prefixed = (prefix: string) =>
      new Map(
        [...arrays].filter(([name]) => name.startsWith(prefix)).map(([name, a]) => [name.slice(prefix.length), a]),
      );
    const index = new KnowledgeIndex(h.approximateFrom);
    index.#chunks = h.chunks.map((row) => {
      if (!row) return undefined;
      const [document, text, tokens, position, headingPath, metadata] = row;
      return { document, text, tokens, position, headingPath, metadata };
    });
    index.#chunks.forEach((chunk, slot) => {
      if (!chunk) return;
      const slots = index.#documents.get(chunk.document) ?? [];
      slots.push(slot);
      index.#documents.set(chunk.document, slots);
    });
    index.#bm25 = Bm25Index.restore(h.bm25, prefixed('bm25.'));
    if (h.vectors) index.#vectors = VectorIndex.restore(h.vectors, prefixed('vectors.'));
    return { index, generation: h.generation };
  }
}

type ChunkRow = [string, string, number, number, string[], Metadata] | null;

interface SnapshotHeader {
  version: 1;
  generation: number;
  approximateFrom: number;
  chunks: ChunkRow[];
  bm25: Bm25Header;
  vectors: VectorHeader | null;
}

/** What is indexed for a chunk: its heading path gives the words of its section to every chunk. */
export function indexText(chunk: Pick<Chunk, 'text' | 'headingPath'>): string {
  return chunk.headingPath.length > 0 ? `${chunk.headingPath.join(' > ')}\n${chunk.text}` : chunk.text;
}
