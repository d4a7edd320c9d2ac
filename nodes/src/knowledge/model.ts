import { z } from 'zod';

/**
 * The shapes a knowledge base is made of: its settings, metadata values, filters and what a search
 * returns. Everything persisted or crossing a boundary is validated with these schemas.
 */

export const MetadataValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type MetadataValue = z.output<typeof MetadataValueSchema>;
export const MetadataSchema = z.record(z.string(), MetadataValueSchema);
export type Metadata = z.output<typeof MetadataSchema>;

export const EmbeddingSettingsSchema = z.object({
  /** Provider name as the model providers know it (`openai`, `ollama`, …). */
  provider: z.string().min(1),
  credential: z.string().optional(),
  model: z.string().min(1),
  /** Texts per embedding request. */
  batchSize: z.number().int().min(1).max(2048).default(64),
});
export type EmbeddingSettings = z.output<typeof EmbeddingSettingsSchema>;

export const ChunkingSettingsSchema = z
  .object({
    /** Upper bound of a chunk, in tokens (cl100k_base, the tokenizer of OpenAI's embedding models). */
    chunkSize: z.number().int().min(16).max(8192).default(512),
    /** Tokens of the previous chunk repeated at the start of the next one, within a section. */
    overlap: z.number().int().min(0).max(4096).default(64),
  })
  .refine((s) => s.overlap < s.chunkSize, { message: 'the overlap must be smaller than the chunk size' });
export type ChunkingSettings = z.output<typeof ChunkingSettingsSchema>;

export const KnowledgeBaseSettingsSchema = z.object({
  chunking: ChunkingSettingsSchema.default({ chunkSize: 512, overlap: 64 }),
  /** Absent: the knowledge base is keyword-only (BM25). */
  embedding: EmbeddingSettingsSchema.optional(),
  /** From this many chunks on, vector search uses the approximate (HNSW) index; below it, exact. */
  approximateFrom: z.number().int().min(1).default(5000),
});
export type KnowledgeBaseSettings = z.output<typeof KnowledgeBaseSettingsSchema>;
export type KnowledgeBaseSettingsInput = z.input<typeof KnowledgeBaseSettingsSchema>;

export const KnowledgeBaseNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a knowledge base name holds only letters, digits, ".", "_" and "-"');

export const SearchModeSchema = z.enum(['keyword', 'vector', 'hybrid']);
export type SearchMode = z.output<typeof SearchModeSchema>;

export const FilterSchema = z.discriminatedUnion('op', [
  z.object({ field: z.string().min(1), op: z.enum(['eq', 'ne']), value: MetadataValueSchema }),
  z.object({
    field: z.string().min(1),
    op: z.enum(['gt', 'gte', 'lt', 'lte']),
    value: z.union([z.number(), z.string()]),
  }),
  z.object({ field: z.string().min(1), op: z.enum(['in', 'nin']), value: z.array(MetadataValueSchema) }),
]);
export type Filter = z.output<typeof FilterSchema>;

export const FusionWeightsSchema = z.object({
  keyword: z.number().min(0).max(10).default(1),
  vector: z.number().min(0).max(10).default(1),
});
export type FusionWeights = z.output<typeof FusionWeightsSchema>;

export const RerankSettingsSchema = z.object({
  provider: z.string().min(1),
  credential: z.string().optional(),
  model: z.string().min(1),
  /** How many fused candidates the reranker sees; default: 4 × topK, at least 20. */
  candidates: z.number().int().min(1).max(500).optional(),
});
export type RerankSettings = z.output<typeof RerankSettingsSchema>;

export const SearchRequestSchema = z.object({
  query: z.string(),
  mode: SearchModeSchema.default('hybrid'),
  topK: z.number().int().min(1).max(200).default(4),
  filters: z.array(FilterSchema).default([]),
  /** Chunks whose final score is below this are dropped (scores are 0–1 in every mode). */
  threshold: z.number().min(0).max(1).optional(),
  weights: FusionWeightsSchema.default({ keyword: 1, vector: 1 }),
  rerank: RerankSettingsSchema.optional(),
  /** Also return the candidates that were cut, with the reason. */
  debug: z.boolean().default(false),
});
export type SearchRequest = z.output<typeof SearchRequestSchema>;
export type SearchRequestInput = z.input<typeof SearchRequestSchema>;

/** Why a chunk is ranked where it is: the retriever ranks and scores behind its final score. */
export const ChunkScoresSchema = z.object({
  keyword: z.object({ rank: z.number().int(), score: z.number() }).nullable(),
  vector: z.object({ rank: z.number().int(), score: z.number() }).nullable(),
  fused: z.number().nullable(),
  rerank: z.number().nullable(),
});
export type ChunkScores = z.output<typeof ChunkScoresSchema>;

export const SearchHitSchema = z.object({
  text: z.string(),
  score: z.number(),
  document: z.string(),
  knowledgeBase: z.string(),
  headingPath: z.array(z.string()),
  position: z.number().int(),
  metadata: MetadataSchema,
  scores: ChunkScoresSchema,
});
export type SearchHit = z.output<typeof SearchHitSchema>;

export interface SearchResult {
  hits: SearchHit[];
  mode: SearchMode;
  /** With `debug`: candidates that were cut, and why. */
  cut?: Array<SearchHit & { reason: 'threshold' | 'topK' }>;
  timings: { embedMs: number; searchMs: number; rerankMs: number };
}
