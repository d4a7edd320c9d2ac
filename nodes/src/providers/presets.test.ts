import { describe, expect, it } from 'vitest';
import { ollamaRoot, PRESETS, providerSummaries } from './presets.js';

describe('provider presets', () => {
  it('cover every provider the design names, each with its variables', () => {
    const ids = Object.keys(PRESETS);
    for (const id of [
      'openai',
      'azure-openai',
      'anthropic',
      'deepseek',
      'qwen',
      'hunyuan',
      'moonshot',
      'zhipu',
      'vllm',
      'llamacpp',
      'ollama',
    ]) {
      expect(ids).toContain(id);
      expect(PRESETS[id]?.keyEnv.length).toBeGreaterThan(0);
      expect(PRESETS[id]?.baseUrlEnv.length).toBeGreaterThan(0);
    }
    for (const preset of Object.values(PRESETS))
      if (preset.baseUrl) expect(() => new URL(preset.baseUrl ?? '')).not.toThrow();
  });

  it('summarise what each can do for the editor', () => {
    const byId = new Map(providerSummaries().map((s) => [s.id, s]));
    expect(byId.get('ollama')).toMatchObject({
      capabilities: ['chat', 'embeddings'],
      needsKey: false,
      listsModels: true,
    });
    expect(byId.get('cohere')?.capabilities).toEqual(['rerank']);
    expect(byId.get('anthropic')?.models).toContain('claude-3-5-haiku-latest');
  });

  it('read OLLAMA_HOST the way Ollama users write it', () => {
    expect(ollamaRoot('0.0.0.0:11434')).toBe('http://127.0.0.1:11434');
    expect(ollamaRoot('http://gpu:11434/v1/')).toBe('http://gpu:11434');
    expect(ollamaRoot('https://ollama.internal/api')).toBe('https://ollama.internal');
  });
});
