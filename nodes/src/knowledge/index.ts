/** The knowledge-base API the server, the CLI and the editor's API routes use. */
export type { Chunk } from './chunk/chunker.js';
export { KnowledgeBase, type KnowledgeBaseInfo } from './knowledge-base.js';
export { type KnowledgeBases, KnowledgeService, StoredKnowledgeBases } from './knowledge-service.js';
export {
  type ChunkScores,
  type Filter as KnowledgeFilter,
  FilterSchema as KnowledgeFilterSchema,
  KnowledgeBaseNameSchema,
  type KnowledgeBaseSettings,
  type KnowledgeBaseSettingsInput,
  KnowledgeBaseSettingsSchema,
  type SearchHit,
  SearchHitSchema,
  type SearchMode,
  SearchModeSchema,
  type SearchRequest,
  type SearchRequestInput,
  SearchRequestSchema,
  type SearchResult,
} from './model.js';
export { isSupported as isSupportedDocument, SUPPORTED_EXTENSIONS } from './parse/parse-document.js';
export { joinForPrompt, retrievalNode } from './retrieval.js';
export { searchKnowledge } from './search-knowledge.js';
export { DiskKnowledgeStore } from './store/disk-store.js';
export {
  type DocumentSummary,
  type KnowledgeBaseRecord,
  type KnowledgeStore,
  KnowledgeStoreService,
  type StoredDocument,
} from './store/knowledge-store.js';
