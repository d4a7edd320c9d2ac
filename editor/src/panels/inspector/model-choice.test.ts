import { describe, expect, it } from 'vitest';
import type { ProviderInfo, ProviderModels } from '../../api/providers.js';
import { isModelChoice, isUnlisted, modelKindAt, modelOptions, providerOptions } from './model-choice.js';

function provider(id: string, label: string, patch: Partial<ProviderInfo> = {}): ProviderInfo {
  return {
    id,
    label,
    kinds: ['chat'],
    configured: false,
    needsKey: true,
    detected: false,
    listsModels: true,
    credentials: [],
    suggested: { chat: [], embedding: [], rerank: [] },
    ...patch,
  };
}

const providers = [
  provider('openai', 'OpenAI', {
    kinds: ['chat', 'embedding'],
    suggested: { chat: ['gpt-4o-mini'], embedding: ['text-embedding-3-small'], rerank: [] },
  }),
  provider('deepseek', 'DeepSeek', { configured: true }),
  provider('ollama', 'Ollama', { kinds: ['chat', 'embedding'], configured: true, detected: true, needsKey: false }),
  provider('cohere', 'Cohere (rerank)', {
    kinds: ['rerank'],
    listsModels: false,
    suggested: { chat: [], embedding: [], rerank: ['rerank-v3.5'] },
  }),
];

describe('model choice', () => {
  it('is an object with provider and model text fields', () => {
    expect(isModelChoice({ properties: { provider: { type: 'string' }, model: { type: 'string' } } })).toBe(true);
    expect(isModelChoice({ properties: { provider: { type: 'string' } } })).toBe(false);
    expect(isModelChoice({ properties: { provider: { type: 'string' }, model: { type: 'object' } } })).toBe(false);
    expect(
      isModelChoice({
        properties: { provider: { anyOf: [{ type: 'string' }, { type: 'null' }] }, model: { type: 'string' } },
      }),
    ).toBe(true);
  });

  it('wants a reranker under rerank, an embedding model under embedding, else a chat model', () => {
    expect(modelKindAt('')).toBe('chat');
    expect(modelKindAt('rerank')).toBe('rerank');
    expect(modelKindAt('settings.embedding')).toBe('embedding');
    expect(modelKindAt('judge')).toBe('chat');
  });

  it('offers the providers of the kind, configured first, each group by label', () => {
    const chat = providerOptions(providers, 'chat', 'deepseek');
    expect(chat.configured.map((p) => p.id)).toEqual(['deepseek', 'ollama']);
    expect(chat.other.map((p) => p.id)).toEqual(['openai']);
    expect(providerOptions(providers, 'rerank', undefined).other.map((p) => p.id)).toEqual(['cohere']);
    expect(providerOptions(providers, 'embedding', undefined).configured.map((p) => p.id)).toEqual(['ollama']);
  });

  it('keeps a provider the flow names that this server does not know', () => {
    const options = providerOptions(providers, 'chat', 'my-gateway');
    expect(options.other[0]).toEqual({ id: 'my-gateway', label: 'my-gateway', configured: false });
  });

  it("offers the provider's own models of the kind first, then its suggestions, without duplicates", () => {
    const listed: ProviderModels = {
      provider: 'openai',
      live: true,
      listedAt: 1,
      models: [
        { id: 'gpt-4.1' },
        { id: 'gpt-4o-mini' },
        { id: 'nomic-embed-text', kind: 'embedding' },
        { id: 'llama3.2', kind: 'chat' },
      ],
    };
    const openai = providers[0];
    expect(modelOptions(openai, listed, 'chat')).toEqual(['gpt-4.1', 'gpt-4o-mini', 'llama3.2']);
    expect(modelOptions(openai, listed, 'embedding')).toEqual([
      'gpt-4.1',
      'gpt-4o-mini',
      'nomic-embed-text',
      'text-embedding-3-small',
    ]);
    expect(modelOptions(openai, undefined, 'chat')).toEqual(['gpt-4o-mini']);
    expect(modelOptions(undefined, undefined, 'chat')).toEqual([]);
  });

  it("says a typed model is unlisted only when the provider's own list lacks it", () => {
    const live: ProviderModels = { provider: 'vllm', live: true, listedAt: 1, models: [{ id: 'qwen2.5-7b' }] };
    expect(isUnlisted('my-finetune', live)).toBe(true);
    expect(isUnlisted('qwen2.5-7b', live)).toBe(false);
    expect(isUnlisted('my-finetune', { ...live, live: false })).toBe(false);
    expect(isUnlisted('my-finetune', undefined)).toBe(false);
    expect(isUnlisted(undefined, live)).toBe(false);
  });
});
