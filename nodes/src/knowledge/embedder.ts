import { TailorError } from '@tailor/runtime';
import type { ModelProviders } from '../providers/interfaces.js';
import type { EmbeddingSettings } from './model.js';

export interface EmbeddedState {
  model: string;
  dimensions: number;
}

/**
 * Turns texts into vectors with the knowledge base's embedding model, in batches, and checks them
 * against what the knowledge base was built with: a changed model or dimension is reported, never
 * silently mixed into the index.
 */
export async function embedTexts(
  providers: ModelProviders | undefined,
  settings: EmbeddingSettings,
  expected: EmbeddedState | null,
  texts: readonly string[],
  signal?: AbortSignal,
): Promise<{ vectors: Float32Array; state: EmbeddedState }> {
  if (!providers) throw new TailorError('SERVICE_MISSING', 'Embeddings need the model providers service.');
  checkModel(settings, expected);
  const provider = await providers.embedding(
    settings.credential
      ? { provider: settings.provider, credential: settings.credential }
      : { provider: settings.provider },
  );
  let dimensions = expected?.dimensions ?? 0;
  const out: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += settings.batchSize) {
    const batch = texts.slice(start, start + settings.batchSize);
    const result = await provider.embed(
      [...batch],
      signal ? { model: settings.model, signal } : { model: settings.model },
    );
    if (result.vectors.length !== batch.length) {
      throw new TailorError(
        'PROVIDER_BAD_RESPONSE',
        `Asked for ${batch.length} embeddings, got ${result.vectors.length}.`,
      );
    }
    for (const vector of result.vectors) {
      dimensions ||= vector.length;
      if (vector.length !== dimensions)
        throw mismatch(settings.model, `vectors of ${vector.length} dimensions`, dimensions);
      out.push(vector);
    }
  }
  const flat = new Float32Array(out.length * dimensions);
  for (const [i, vector] of out.entries()) flat.set(vector, i * dimensions);
  return { vectors: flat, state: { model: settings.model, dimensions } };
}

export function checkModel(settings: EmbeddingSettings, expected: EmbeddedState | null): void {
  if (expected && expected.model !== settings.model) {
    throw new TailorError(
      'KNOWLEDGE_EMBEDDING_MISMATCH',
      `It was built with "${expected.model}" and is now set to "${settings.model}"; set the model back, or add the documents to a new knowledge base that uses the new model.`,
      { built: expected, configured: settings.model },
    );
  }
}

function mismatch(model: string, got: string, dimensions: number): TailorError {
  return new TailorError(
    'KNOWLEDGE_EMBEDDING_MISMATCH',
    `The model "${model}" returned ${got}, but the knowledge base holds vectors of ${dimensions} dimensions; check the provider serves the same model, or use a new knowledge base.`,
    { model, dimensions },
  );
}
