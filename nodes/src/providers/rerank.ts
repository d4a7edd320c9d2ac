import { TailorError } from '@tailor/runtime';
import { z } from 'zod';
import type { RerankProvider } from './interfaces.js';
import { type ProviderEndpoint, readJsonBody, sendProviderRequest } from './provider-http.js';

const RerankSchema = z.object({
  results: z.array(z.object({ index: z.number().int().min(0), relevance_score: z.number() })),
});

/** The Cohere/Jina-style `POST /rerank` (also served by vLLM and llama.cpp). */
export function createRerank(endpoint: ProviderEndpoint): RerankProvider {
  return {
    async rerank({ model, query, documents, topN, signal }) {
      if (documents.length === 0) return [];
      const body = { model, query, documents, ...(topN === undefined ? {} : { top_n: topN }), return_documents: false };
      const response = await sendProviderRequest(endpoint, '/rerank', { body, signal });
      const parsed = RerankSchema.safeParse(await readJsonBody(endpoint, response));
      if (!parsed.success)
        throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent rerank results in an unknown shape.`);
      const results = parsed.data.results.filter((r) => r.index < documents.length);
      return results.map((r) => ({ index: r.index, score: r.relevance_score })).sort((a, b) => b.score - a.score);
    },
  };
}
