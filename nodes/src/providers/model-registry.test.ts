import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticCredentials } from '../services/credentials.js';
import { createModelProviders } from './model-registry.js';
import { detectOllama } from './ollama.js';
import { credentialsFromEnv } from './provider-credentials.js';

const KEY = 'sk-registry-0123456789abcdef';
let server: ProviderServer;
let open: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY, models: ['gpt-test', 'embed-test', 'rerank-test'] });
  open = await startProviderServer({ models: ['llama3.2:latest', 'nomic-embed-text:latest'], embeddingDimensions: 8 });
});
afterAll(async () => {
  await server.close();
  await open.close();
});

const fast = { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 100 } };
function providersFromEnv(env: Record<string, string>) {
  return createModelProviders(staticCredentials(credentialsFromEnv(env)), fast);
}

describe('model providers registry', () => {
  it('uses OPENAI_API_KEY and OPENAI_BASE_URL for the openai provider', async () => {
    const models = providersFromEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseUrl });
    server.enqueue({ text: 'hi' });
    const reply = await (await models.chat({ provider: 'openai' })).chat({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'x' }],
      maxTokens: 9,
    });
    expect(reply.text).toBe('hi');
    const sent = server.requests.at(-1);
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.body).toMatchObject({ max_completion_tokens: 9 });
  });

  it('says which variable to set when a key is missing, and names unknown providers', async () => {
    const models = providersFromEnv({});
    await expect(models.chat({ provider: 'deepseek' })).rejects.toMatchObject({
      code: 'CREDENTIAL_MISSING',
      message: expect.stringContaining('DEEPSEEK_API_KEY'),
    });
    await expect(models.chat({ provider: 'openai', credential: 'prod' })).rejects.toMatchObject({
      code: 'CREDENTIAL_MISSING',
    });
    await expect(models.chat({ provider: 'gpt' })).rejects.toMatchObject({ code: 'PROVIDER_UNKNOWN' });
  });

  it('embeds with deterministic vectors in input order, across batches', async () => {
    const models = providersFromEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseUrl });
    const embedder = await models.embedding({ provider: 'openai' });
    const texts = Array.from({ length: 70 }, (_, i) => `document number ${i}`);
    const result = await embedder.embed(texts, { model: 'embed-test' });
    expect(result.vectors).toHaveLength(70);
    expect(result.dimensions).toBe(64);
    expect(server.requestsTo('/embeddings').length).toBe(2);
    const again = await embedder.embed(['document number 69'], { model: 'embed-test' });
    expect(Array.from(again.vectors[0] ?? [])).toEqual(Array.from(result.vectors[69] ?? []));
    expect(result.usage?.input).toBeGreaterThan(0);
  });

  it('reranks through /rerank, best first', async () => {
    const models = createModelProviders(
      staticCredentials([
        { id: 'jina', kind: 'api-key', provider: 'jina', apiKey: KEY, baseUrl: server.rerankBaseUrl },
      ]),
      fast,
    );
    const reranker = await models.rerank({ provider: 'jina' });
    const ranked = await reranker.rerank({
      model: 'rerank-test',
      query: 'refund policy',
      documents: ['shipping times', 'our refund policy explained', 'refund forms'],
      topN: 2,
    });
    expect(ranked.map((r) => r.index)).toEqual([1, 2]);
    expect(ranked[0]?.score).toBeGreaterThan(ranked[1]?.score ?? 1);
  });

  it('talks to Ollama with no key: chat over /v1, embeddings over /api/embed, models from /api/tags', async () => {
    const models = providersFromEnv({ OLLAMA_HOST: open.ollamaBaseUrl.replace('http://', '') });
    open.enqueue({ text: 'local hello' });
    const chat = await models.chat({ provider: 'ollama' });
    expect((await chat.chat({ model: 'llama3.2:latest', messages: [{ role: 'user', content: 'hi' }] })).text).toBe(
      'local hello',
    );
    expect(open.requests.at(-1)?.path).toBe('/v1/chat/completions');
    const embedded = await (await models.embedding({ provider: 'ollama' })).embed(['a', 'b'], {
      model: 'nomic-embed-text:latest',
    });
    expect(embedded.dimensions).toBe(8);
    expect(open.requests.at(-1)?.path).toBe('/api/embed');
    expect(await models.listModels?.({ provider: 'ollama' })).toEqual([
      { id: 'llama3.2:latest', kind: 'chat' },
      { id: 'nomic-embed-text:latest', kind: 'embedding' },
    ]);
  });

  it('detects a running Ollama, and reports none when nothing listens', async () => {
    const found = await detectOllama({ baseUrl: open.ollamaBaseUrl });
    expect(found?.models.map((m) => m.id)).toEqual(['llama3.2:latest', 'nomic-embed-text:latest']);
    expect(await detectOllama({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 300 })).toBeUndefined();
  });

  it('lists models of an OpenAI-compatible server, and preset models otherwise', async () => {
    const models = providersFromEnv({
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: server.openaiBaseUrl,
      HUNYUAN_API_KEY: 'h',
    });
    expect((await models.listModels?.({ provider: 'openai' }))?.map((m) => m.id)).toEqual([
      'gpt-test',
      'embed-test',
      'rerank-test',
    ]);
    expect(await models.listModels?.({ provider: 'hunyuan' })).toContainEqual({ id: 'hunyuan-lite', kind: 'chat' });
    const anthropic = providersFromEnv({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.anthropicBaseUrl });
    expect((await anthropic.listModels?.({ provider: 'anthropic' }))?.length).toBe(3);
    expect(server.requests.at(-1)).toMatchObject({ path: '/v1/models', headers: { 'x-api-key': KEY } });
  });

  it('calls Azure with an api-key header, the deployment in the path and the api-version', async () => {
    const models = providersFromEnv({
      AZURE_OPENAI_API_KEY: KEY,
      AZURE_OPENAI_ENDPOINT: server.url,
      OPENAI_API_VERSION: '2024-10-21',
    });
    const chat = await models.chat({ provider: 'azure-openai' });
    const error = await chat
      .chat({ model: 'gpt-test', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    const sent = server.requests.at(-1);
    expect(sent?.headers['api-key']).toBe(KEY);
    expect(sent?.path).toBe('/openai/deployments/gpt-test/chat/completions');
    // The local server has no Azure deployment routes: the 404 is reported as a wrong base URL.
    expect(error).toMatchObject({
      code: 'PROVIDER_BAD_REQUEST',
      message: expect.stringContaining('check the base URL'),
    });
    await (await models.embedding({ provider: 'azure-openai' }))
      .embed(['x'], { model: 'embed-test' })
      .catch(() => undefined);
    expect(server.requests.at(-1)?.path).toBe('/openai/deployments/embed-test/embeddings');
    expect(server.requests.at(-1)?.headers['api-key']).toBe(KEY);
  });
});
