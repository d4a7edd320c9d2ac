import { createHash } from 'node:crypto';
import { TailorError } from '@tailor/runtime';
import type { ModelProviders } from '../providers/interfaces.js';
import { type Chunk, chunkDocument } from './chunk/chunker.js';
import { checkModel, embedTexts } from './embedder.js';
import { type Candidate, indexText, KnowledgeIndex } from './knowledge-index.js';
import type { Filter, FusionWeights, KnowledgeBaseSettings, Metadata, SearchMode } from './model.js';
import { parseDocument } from './parse/parse-document.js';
import type { DocumentSummary, KnowledgeBaseRecord, KnowledgeStore } from './store/knowledge-store.js';

export interface KnowledgeBaseInfo {
  name: string;
  settings: KnowledgeBaseSettings;
  documents: number;
  chunks: number;
  /** True when there is no embedding model: only keyword search works. */
  keywordOnly: boolean;
  embedded: { model: string; dimensions: number } | null;
  vectorIndex: 'none' | 'exact' | 'approximate';
  createdAt: number;
  updatedAt: number;
}

export interface RetrieveQuery {
  query: string;
  mode: SearchMode;
  depth: number;
  filters: readonly Filter[];
  weights: FusionWeights;
  signal?: AbortSignal;
}

/**
 * One knowledge base: documents in, chunks out. Changes are queued one at a time; each is parsed,
 * chunked and embedded first, then stored, then swapped into the in-memory index in one step.
 */
export class KnowledgeBase {
  #record: KnowledgeBaseRecord;
  #index: KnowledgeIndex;
  #queue: Promise<unknown> = Promise.resolve();
  #dirty = false;

  private constructor(
    readonly store: KnowledgeStore,
    readonly providers: ModelProviders | undefined,
    record: KnowledgeBaseRecord,
    index: KnowledgeIndex,
  ) {
    this.#record = record;
    this.#index = index;
  }

  /** Loads the snapshot when it is current; otherwise rebuilds from the stored chunks (no re-parsing). */
  static async open(
    store: KnowledgeStore,
    providers: ModelProviders | undefined,
    record: KnowledgeBaseRecord,
  ): Promise<KnowledgeBase> {
    const snapshot = await store.readSnapshot(record.name);
    if (snapshot) {
      try {
        const { index, generation } = KnowledgeIndex.restore(snapshot);
        if (generation === record.generation) return new KnowledgeBase(store, providers, record, index);
      } catch {
        // A damaged snapshot is rebuilt from the documents below.
      }
    }
    const base = new KnowledgeBase(store, providers, record, await rebuildIndex(store, record));
    base.#dirty = true;
    await base.flush();
    return base;
  }

  get name(): string {
    return this.#record.name;
  }

  get info(): KnowledgeBaseInfo {
    const described = describeBase(this.#record, this.#index.documents().length, this.#index.chunkCount);
    const index = this.#index;
    return {
      ...described,
      vectorIndex: index.dimensions === undefined ? 'none' : index.approximate ? 'approximate' : 'exact',
    };
  }

  /** The chunks a file would become, without indexing it. */
  async preview(fileName: string, bytes: Uint8Array, metadata: Metadata = {}): Promise<Chunk[]> {
    return (await this.#chunk(fileName, bytes, metadata)).chunks;
  }

  async #chunk(fileName: string, bytes: Uint8Array, metadata: Metadata): Promise<{ format: string; chunks: Chunk[] }> {
    const parsed = await parseDocument(fileName, bytes);
    const chunks = chunkDocument(
      { ...parsed, metadata: { ...parsed.metadata, ...metadata } },
      this.#record.settings.chunking,
    );
    return { format: parsed.format, chunks };
  }

  /** Adds a document, or replaces the one of the same name. A file that cannot be read changes nothing. */
  async add(
    name: string,
    bytes: Uint8Array,
    options: { metadata?: Metadata; signal?: AbortSignal } = {},
  ): Promise<{ document: DocumentSummary; replaced: boolean }> {
    const { format, chunks } = await this.#chunk(name, bytes, options.metadata ?? {});
    const embedding = this.#record.settings.embedding;
    const embedded = embedding
      ? await embedTexts(this.providers, embedding, this.#record.embedded, chunks.map(indexText), options.signal)
      : undefined;
    const summary = summarise(name, format, bytes, chunks, options.metadata ?? {}, this.#record.settings.chunking);
    return this.#serialised(async () => {
      const dimensions = this.#record.embedded?.dimensions;
      if (embedded && dimensions !== undefined && embedded.state.dimensions !== dimensions) {
        throw new TailorError(
          'KNOWLEDGE_EMBEDDING_MISMATCH',
          `Got vectors of ${embedded.state.dimensions} dimensions, not ${dimensions}.`,
        );
      }
      const replaced = this.#index.documents().includes(name);
      await this.#bump({ embedded: this.#record.embedded ?? embedded?.state ?? null });
      await this.store.putDocument(this.name, {
        ...summary,
        chunkList: chunks,
        ...(embedded ? { vectors: embedded.vectors } : {}),
      });
      this.#index.replaceDocument(name, chunks, embedded?.vectors);
      this.#dirty = true;
      return { document: summary, replaced };
    });
  }

  async remove(name: string): Promise<void> {
    await this.#serialised(async () => {
      if (!this.#index.documents().includes(name)) {
        throw new TailorError(
          'KNOWLEDGE_DOCUMENT_NOT_FOUND',
          `"${name}" is not in "${this.name}" (see tailor kb list ${this.name}).`,
        );
      }
      await this.#bump({});
      await this.store.deleteDocument(this.name, name);
      this.#index.removeDocument(name);
      this.#dirty = true;
    });
  }

  documents(): Promise<DocumentSummary[]> {
    return this.store.listDocuments(this.name);
  }

  /** Candidates from the indexes, best first, before rerank, threshold and top-k. */
  async retrieve(query: RetrieveQuery): Promise<{ candidates: Candidate[]; embedMs: number; searchMs: number }> {
    const embedding = this.#record.settings.embedding;
    let vector: Float32Array | undefined;
    const started = performance.now();
    if (query.mode !== 'keyword') {
      if (!embedding)
        throw new TailorError('KNOWLEDGE_KEYWORD_ONLY', `Knowledge base "${this.name}", mode "${query.mode}".`);
      checkModel(embedding, this.#record.embedded);
      const result = await embedTexts(this.providers, embedding, this.#record.embedded, [query.query], query.signal);
      vector = result.vectors;
    }
    const embedded = performance.now();
    const candidates = this.#index.search({
      text: query.query,
      mode: query.mode,
      depth: query.depth,
      filters: query.filters,
      weights: query.weights,
      ...(vector ? { vector } : {}),
    });
    return { candidates, embedMs: embedded - started, searchMs: performance.now() - embedded };
  }

  /** Writes the index snapshot if anything changed since the last one. */
  async flush(): Promise<void> {
    await this.#serialised(async () => {
      if (!this.#dirty) return;
      // Replaced and removed chunks leave holes (slots, postings, graph nodes); when they outnumber
      // the live chunks, the index is rebuilt from the stored chunks and vectors, then swapped in.
      if (this.#index.removedChunks > Math.max(500, this.#index.chunkCount)) {
        this.#index = await rebuildIndex(this.store, this.#record);
      }
      await this.store.writeSnapshot(this.name, this.#index.snapshot(this.#record.generation));
      this.#dirty = false;
    });
  }

  /** Bumps the generation before a document changes, so a crash leaves a snapshot known to be stale. */
  async #bump(changes: Partial<KnowledgeBaseRecord>): Promise<void> {
    this.#record = { ...this.#record, ...changes, generation: this.#record.generation + 1, updatedAt: Date.now() };
    await this.store.putBase(this.#record);
  }

  #serialised<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

/** What a knowledge base holds, from its record and counts (also for one that is not loaded). */
export function describeBase(record: KnowledgeBaseRecord, documents: number, chunks: number): KnowledgeBaseInfo {
  const vectors = record.embedded !== null && chunks > 0;
  return {
    name: record.name,
    settings: record.settings,
    documents,
    chunks,
    keywordOnly: !record.settings.embedding,
    embedded: record.embedded,
    vectorIndex: !vectors ? 'none' : chunks >= record.settings.approximateFrom ? 'approximate' : 'exact',
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** A fresh index from the stored chunks and vectors: no source file is read, no model is called. */
async function rebuildIndex(store: KnowledgeStore, record: KnowledgeBaseRecord): Promise<KnowledgeIndex> {
  const index = new KnowledgeIndex(record.settings.approximateFrom);
  for (const summary of await store.listDocuments(record.name)) {
    const document = await store.getDocument(record.name, summary.name);
    if (document) index.replaceDocument(document.name, document.chunkList, document.vectors);
  }
  return index;
}

function summarise(
  name: string,
  format: string,
  bytes: Uint8Array,
  chunks: readonly Chunk[],
  metadata: Metadata,
  chunking: KnowledgeBaseSettings['chunking'],
): DocumentSummary {
  return {
    name,
    format,
    bytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    chunks: chunks.length,
    tokens: chunks.reduce((sum, c) => sum + c.tokens, 0),
    addedAt: Date.now(),
    metadata,
    chunking,
  };
}
