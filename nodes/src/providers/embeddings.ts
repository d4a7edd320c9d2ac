import { TailorError } from '@tailor/runtime';
import { z } from 'zod';
import type { EmbeddingProvider, EmbeddingResult } from './interfaces.js';
import { type ProviderEndpoint, readJsonBody, sendProviderRequest } from './provider-http.js';

const OpenAiEmbeddingsSchema = z.object({
  model: z.string().optional(),
  data: z.array(z.object({ index: z.number().optional(), embedding: z.array(z.number()) })),
  usage: z.object({ prompt_tokens: z.number().optional() }).optional(),
});
const OllamaEmbedSchema = z.object({
  model: z.string().optional(),
  embeddings: z.array(z.array(z.number())),
  prompt_eval_count: z.number().optional(),
});

interface Batch {
  vectors: number[][];
  model?: string;
  tokens?: number;
}

/** Embeds in batches (providers cap the texts per call), keeping the input order. */
async function embedInBatches(
  endpoint: ProviderEndpoint,
  texts: string[],
  batchSize: number,
  embedBatch: (batch: string[]) => Promise<Batch>,
  model: string,
): Promise<EmbeddingResult> {
  const vectors: Float32Array[] = [];
  let tokens: number | undefined;
  let answeredModel = model;
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    const result = await embedBatch(batch);
    if (result.vectors.length !== batch.length) {
      throw new TailorError(
        'PROVIDER_BAD_RESPONSE',
        `${endpoint.provider} returned ${result.vectors.length} vectors for ${batch.length} texts.`,
      );
    }
    for (const vector of result.vectors) vectors.push(Float32Array.from(vector));
    if (result.tokens !== undefined) tokens = (tokens ?? 0) + result.tokens;
    answeredModel = result.model ?? answeredModel;
  }
  const dimensions = vectors[0]?.length ?? 0;
  if (vectors.some((v) => v.length !== dimensions)) {
    throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} returned vectors of different lengths.`);
  }
  return { vectors, model: answeredModel, dimensions, ...(tokens === undefined ? {} : { usage: { input: tokens } }) };
}

/** `POST /embeddings` as OpenAI, DashScope, Zhipu, Jina, vLLM and llama.cpp serve it. */
export function createOpenAiEmbeddings(
  endpoint: ProviderEndpoint,
  batchSize = 64,
  /** Path of the call for a model (Azure deployments put the model in the path). */
  pathFor: (model: string) => string = () => '/embeddings',
): EmbeddingProvider {
  return {
    embed: (texts, { model, signal }) =>
      embedInBatches(
        endpoint,
        texts,
        batchSize,
        async (input) => {
          const response = await sendProviderRequest(endpoint, pathFor(model), {
            body: { model, input, encoding_format: 'float' },
            signal,
          });
          const parsed = OpenAiEmbeddingsSchema.safeParse(await readJsonBody(endpoint, response));
          if (!parsed.success)
            throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent embeddings in an unknown shape.`);
          const ordered = [...parsed.data.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
          return {
            vectors: ordered.map((d) => d.embedding),
            model: parsed.data.model,
            tokens: parsed.data.usage?.prompt_tokens,
          };
        },
        model,
      ),
  };
}

/** Ollama's native `POST /api/embed`; `endpoint.baseUrl` is Ollama's root. */
export function createOllamaEmbeddings(endpoint: ProviderEndpoint, batchSize = 64): EmbeddingProvider {
  return {
    embed: (texts, { model, signal }) =>
      embedInBatches(
        endpoint,
        texts,
        batchSize,
        async (input) => {
          const response = await sendProviderRequest(endpoint, '/api/embed', { body: { model, input }, signal });
          const parsed = OllamaEmbedSchema.safeParse(await readJsonBody(endpoint, response));
          if (!parsed.success)
            throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent embeddings in an unknown shape.`);
          return { vectors: parsed.data.embeddings, model: parsed.data.model, tokens: parsed.data.prompt_eval_count };
        },
        model,
      ),
  };
}
