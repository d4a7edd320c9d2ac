import { TailorError } from '@tailor/runtime';
import { z } from 'zod';
import type { ModelInfo } from './interfaces.js';
import { endpointOf, type ProviderEndpoint, readJsonBody, sendProviderRequest } from './provider-http.js';

export const OLLAMA_DEFAULT_ROOT = 'http://127.0.0.1:11434';

const TagsSchema = z.object({
  models: z.array(
    z.object({
      name: z.string(),
      model: z.string().optional(),
      details: z
        .object({ family: z.string().optional(), families: z.array(z.string()).nullish() })
        .partial()
        .optional(),
    }),
  ),
});

/** The models pulled into an Ollama (`GET /api/tags`); embedding models are told apart by family. */
export async function listOllamaModels(endpoint: ProviderEndpoint, signal?: AbortSignal): Promise<ModelInfo[]> {
  const response = await sendProviderRequest(endpoint, '/api/tags', { method: 'GET', signal });
  const parsed = TagsSchema.safeParse(await readJsonBody(endpoint, response));
  if (!parsed.success)
    throw new TailorError('PROVIDER_BAD_RESPONSE', `${endpoint.provider} sent a model list in an unknown shape.`);
  return parsed.data.models.map((model) => {
    const families = [model.details?.family ?? '', ...(model.details?.families ?? [])].join(' ');
    const embedding = /bert|embed/i.test(`${families} ${model.name}`);
    return { id: model.name, kind: embedding ? 'embedding' : 'chat' };
  });
}

export interface OllamaDetection {
  baseUrl: string;
  models: ModelInfo[];
}

/**
 * Looks for a running Ollama (by default on 127.0.0.1:11434) and lists its models, so a user
 * with Ollama gets working model nodes without configuring anything. Undefined when none answers
 * within `timeoutMs`.
 */
export async function detectOllama(
  options: { baseUrl?: string; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<OllamaDetection | undefined> {
  const baseUrl = options.baseUrl ?? OLLAMA_DEFAULT_ROOT;
  const endpoint = endpointOf({ provider: 'ollama', baseUrl, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 800);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    return { baseUrl: endpoint.baseUrl, models: await listOllamaModels(endpoint, signal) };
  } catch {
    return undefined;
  }
}
