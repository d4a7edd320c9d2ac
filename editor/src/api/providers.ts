import { z } from 'zod';
import { request } from './client.js';

const ModelKindSchema = z.enum(['chat', 'embedding', 'rerank']);
export type ModelKind = z.output<typeof ModelKindSchema>;

/** `GET /api/providers`: a preset, whether it is configured here, what it suggests. No secrets. */
export const ProviderInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  kinds: z.array(ModelKindSchema),
  configured: z.boolean(),
  needsKey: z.boolean(),
  detected: z.boolean(),
  listsModels: z.boolean(),
  credentials: z.array(z.string()),
  suggested: z.object({ chat: z.array(z.string()), embedding: z.array(z.string()), rerank: z.array(z.string()) }),
});
export type ProviderInfo = z.output<typeof ProviderInfoSchema>;

/** `GET /api/providers/:id/models`: what the provider lists (live) or its suggestions. */
export const ProviderModelsSchema = z.object({
  provider: z.string(),
  live: z.boolean(),
  listedAt: z.number(),
  models: z.array(z.object({ id: z.string(), kind: ModelKindSchema.optional() })),
});
export type ProviderModels = z.output<typeof ProviderModelsSchema>;

const enc = encodeURIComponent;

export const providersApi = {
  list: () => request(z.array(ProviderInfoSchema), '/api/providers'),
  models: (provider: string, options: { credential?: string; refresh?: boolean; signal?: AbortSignal } = {}) => {
    const query = new URLSearchParams();
    if (options.credential) query.set('credential', options.credential);
    if (options.refresh) query.set('refresh', '1');
    const text = query.toString();
    const suffix = text ? `?${text}` : '';
    return request(ProviderModelsSchema, `/api/providers/${enc(provider)}/models${suffix}`, {
      ...(options.signal ? { signal: options.signal } : {}),
    });
  },
};
