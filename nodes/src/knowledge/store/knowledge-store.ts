import { serviceKey } from '@tailor/runtime';
import { z } from 'zod';
import { ChunkingSettingsSchema, KnowledgeBaseSettingsSchema, MetadataSchema } from '../model.js';

/**
 * Where knowledge bases live. The embedded implementation writes files under TAILOR_DATA_DIR; the
 * server may provide its own (SQLite, MongoDB) under `KnowledgeStoreService`. Documents hold their
 * chunks and vectors, so a knowledge base can be rebuilt without reading the source files again;
 * the snapshot (indexes as bytes) makes opening one fast.
 */
export const KnowledgeBaseRecordSchema = z.object({
  name: z.string(),
  settings: KnowledgeBaseSettingsSchema,
  /** The embedding model and dimension the stored vectors were made with; null until the first. */
  embedded: z.object({ model: z.string(), dimensions: z.number().int().positive() }).nullable(),
  /** Increased before every document change; a snapshot of an older generation is stale. */
  generation: z.number().int().min(0),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type KnowledgeBaseRecord = z.output<typeof KnowledgeBaseRecordSchema>;

export const DocumentSummarySchema = z.object({
  name: z.string(),
  format: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string(),
  chunks: z.number().int().min(0),
  tokens: z.number().int().min(0),
  addedAt: z.number(),
  metadata: MetadataSchema,
  chunking: ChunkingSettingsSchema,
});
export type DocumentSummary = z.output<typeof DocumentSummarySchema>;

export const StoredChunkSchema = z.object({
  text: z.string(),
  tokens: z.number().int(),
  position: z.number().int(),
  headingPath: z.array(z.string()),
  metadata: MetadataSchema,
});

export interface StoredDocument extends DocumentSummary {
  chunkList: Array<z.output<typeof StoredChunkSchema>>;
  /** `chunks × dimensions` floats, when the knowledge base has an embedding model. */
  vectors?: Float32Array;
}

export interface KnowledgeStore {
  listBases(): Promise<KnowledgeBaseRecord[]>;
  getBase(name: string): Promise<KnowledgeBaseRecord | undefined>;
  putBase(record: KnowledgeBaseRecord): Promise<void>;
  /** Removes the knowledge base with its documents and snapshot. */
  deleteBase(name: string): Promise<boolean>;
  listDocuments(base: string): Promise<DocumentSummary[]>;
  getDocument(base: string, name: string): Promise<StoredDocument | undefined>;
  /** Writes the document atomically, replacing an earlier version. */
  putDocument(base: string, document: StoredDocument): Promise<void>;
  deleteDocument(base: string, name: string): Promise<boolean>;
  readSnapshot(base: string): Promise<Uint8Array | undefined>;
  writeSnapshot(base: string, bytes: Uint8Array): Promise<void>;
}

export const KnowledgeStoreService = serviceKey<KnowledgeStore>(
  'knowledge-store',
  'the storage of knowledge bases (documents, chunks, vectors, index snapshots)',
);
