import { defineNode, type NodeContext, TailorError } from '@tailor/runtime';
import { z } from 'zod';
import { ModelProvidersService } from '../providers/interfaces.js';
import { KnowledgeService } from './knowledge-service.js';
import {
  FilterSchema,
  FusionWeightsSchema,
  KnowledgeBaseNameSchema,
  RerankSettingsSchema,
  type SearchHit,
  SearchHitSchema,
  type SearchMode,
  SearchRequestSchema,
} from './model.js';
import { searchKnowledge } from './search-knowledge.js';

const RetrievalConfigSchema = z.object({
  /** One knowledge base, or several searched together. */
  knowledgeBase: z.union([KnowledgeBaseNameSchema, z.array(KnowledgeBaseNameSchema).min(1)]),
  /** Usually a reference: `{{ start.question }}`. */
  query: z.preprocess((v) => (v === null || v === undefined ? '' : String(v)), z.string()),
  /** `auto`: hybrid where the knowledge base has an embedding model, keyword where it has none. */
  mode: z.enum(['auto', 'keyword', 'vector', 'hybrid']).default('auto'),
  topK: z.number().int().min(1).max(50).default(4),
  filters: z.array(FilterSchema).default([]),
  /** Chunks scoring below this (0–1) are left out. */
  threshold: z.number().min(0).max(1).optional(),
  weights: FusionWeightsSchema.default({ keyword: 1, vector: 1 }),
  rerank: RerankSettingsSchema.optional(),
});
type RetrievalConfig = z.output<typeof RetrievalConfigSchema>;

const RetrievalOutputSchema = z.object({
  chunks: z.array(SearchHitSchema),
  /** The chunks joined with their sources, ready for a prompt. */
  text: z.string(),
});

/** Queries knowledge bases (BM25, vectors or both, fused), optionally reranked. */
export const retrievalNode = defineNode({
  type: 'retrieval',
  version: 1,
  title: { en: 'Knowledge retrieval', zh: '知识检索' },
  description: {
    en: 'Finds the passages of your documents that answer a question: keyword, vector or hybrid search, filters, rerank.',
    zh: '从知识库中找出能回答问题的段落：关键词、向量或混合检索，支持元数据过滤和重排序。',
  },
  category: 'knowledge',
  config: RetrievalConfigSchema,
  output: RetrievalOutputSchema,
  defaultTimeoutMs: 30_000,
  run: runRetrieval,
});

async function runRetrieval(context: NodeContext<RetrievalConfig>) {
  const { config } = context;
  const query = config.query.trim();
  if (!query) {
    context.log('warn', 'The query is empty; no chunks were retrieved.');
    return { output: { chunks: [], text: '' } };
  }
  const knowledge = context.services.get(KnowledgeService);
  const names = Array.isArray(config.knowledgeBase) ? config.knowledgeBase : [config.knowledgeBase];
  const bases = await Promise.all(names.map((name) => knowledge.open(name)));
  const modes = new Map<string, SearchMode>(
    bases.map((base) => [
      base.name,
      config.mode === 'auto' ? (base.info.keywordOnly ? 'keyword' : 'hybrid') : config.mode,
    ]),
  );
  const providers = context.services.find(ModelProvidersService);
  if (config.rerank && !providers)
    throw new TailorError('SERVICE_MISSING', `Rerank needs ${ModelProvidersService.description}.`);
  const request = SearchRequestSchema.parse({
    query,
    topK: config.topK,
    filters: config.filters,
    weights: config.weights,
    ...(config.threshold !== undefined ? { threshold: config.threshold } : {}),
    ...(config.rerank ? { rerank: config.rerank } : {}),
  });
  const result = await searchKnowledge(bases, request, {
    modes,
    signal: context.signal,
    ...(providers ? { providers } : {}),
  });
  const how = [...modes].map(([name, mode]) => `${name}: ${mode}`).join(', ');
  const t = result.timings;
  context.log(
    'info',
    `${result.hits.length} chunk(s) (${how}${config.rerank ? ', reranked' : ''}); embed ${ms(t.embedMs)}, search ${ms(t.searchMs)}${config.rerank ? `, rerank ${ms(t.rerankMs)}` : ''}.`,
  );
  return { output: { chunks: result.hits, text: joinForPrompt(result.hits) } };
}

/** `[1] file › heading › heading` above each chunk, so a model can cite its sources. */
export function joinForPrompt(hits: readonly SearchHit[]): string {
  return hits
    .map((hit, i) => {
      const page = typeof hit.metadata.page === 'number' ? ` (p. ${hit.metadata.page})` : '';
      const source = [`${hit.document}${page}`, ...hit.headingPath].join(' › ');
      return `[${i + 1}] ${source}\n${hit.text}`;
    })
    .join('\n\n');
}

function ms(value: number): string {
  return `${Math.round(value * 10) / 10} ms`;
}
