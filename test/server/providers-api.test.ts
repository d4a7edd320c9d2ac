import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './harness.js';

const KEY = 'sk-provider-test-0123456789';
let t: TestServer;
let openai: ProviderServer;
let ollama: ProviderServer;
let silent: Server;
let closedPort: number;

interface ProviderInfo {
  id: string;
  label: string;
  kinds: string[];
  configured: boolean;
  detected: boolean;
  credentials: string[];
  suggested: { chat: string[]; embedding: string[]; rerank: string[] };
}
interface ProviderModels {
  provider: string;
  live: boolean;
  models: Array<{ id: string; kind?: string }>;
}
interface ErrorBody {
  error: { code: string; message: string };
}

/** A port nothing listens on: a server bound and closed again. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  openai = await startProviderServer({ apiKey: KEY, models: ['gpt-test', 'gpt-test-mini', 'embed-test'] });
  ollama = await startProviderServer({ models: ['llama3.2:latest', 'nomic-embed-text:latest'] });
  // Accepts connections and never answers: a provider that hangs.
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  closedPort = await freePort();
  t = await startTestServer(
    {},
    {
      // Only these variables: nothing of the machine's own provider keys leaks into the test.
      env: {
        OPENAI_COMPATIBLE_BASE_URL: openai.openaiBaseUrl,
        OPENAI_COMPATIBLE_API_KEY: KEY,
        DEEPSEEK_API_KEY: 'sk-wrong-key-for-deepseek',
        DEEPSEEK_BASE_URL: openai.openaiBaseUrl,
        OLLAMA_BASE_URL: ollama.ollamaBaseUrl,
        VLLM_BASE_URL: `http://127.0.0.1:${closedPort}/v1`,
        LLAMACPP_BASE_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`,
        TAILOR_MODEL_LIST_TIMEOUT_MS: '400',
      },
    },
  );
});

afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
  await openai.close();
  await ollama.close();
  silent.closeAllConnections();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('GET /api/providers', () => {
  it('lists every preset with what it does and whether it is configured, never a secret', async () => {
    const reply = await t.admin.get<ProviderInfo[]>('/api/providers');
    expect(reply.status).toBe(200);
    const byId = new Map(reply.body.map((provider) => [provider.id, provider]));
    expect(byId.get('openai-compatible')).toMatchObject({ configured: true, kinds: ['chat', 'embedding', 'rerank'] });
    expect(byId.get('deepseek')).toMatchObject({ configured: true, label: 'DeepSeek', kinds: ['chat'] });
    expect(byId.get('openai')).toMatchObject({ configured: false, credentials: [] });
    expect(byId.get('anthropic')).toMatchObject({ configured: false });
    expect(byId.get('cohere')).toMatchObject({
      kinds: ['rerank'],
      suggested: { rerank: ['rerank-v3.5', 'rerank-multilingual-v3.0'] },
    });
    // The local Ollama (the test server on 127.0.0.1) was found when the server started.
    expect(byId.get('ollama')).toMatchObject({ configured: true, detected: true });
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('sk-wrong-key');
    expect(text).not.toContain(openai.url);
  });

  it('counts a stored credential for a provider, by id only', async () => {
    const stored = await t.admin.post('/api/credentials', {
      id: 'team-openai',
      provider: 'openai',
      apiKey: KEY,
      baseUrl: openai.openaiBaseUrl,
    });
    expect(stored.status).toBe(201);
    const reply = await t.admin.get<ProviderInfo[]>('/api/providers');
    expect(reply.body.find((provider) => provider.id === 'openai')).toMatchObject({
      configured: true,
      credentials: ['team-openai'],
    });
    expect(JSON.stringify(reply.body)).not.toContain(KEY);
  });

  it('is for the admin only', async () => {
    expect((await fetch(`${t.url}/api/providers`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/providers/ollama/models`)).status).toBe(401);
  });
});

describe('GET /api/providers/:id/models', () => {
  it("lists an OpenAI-compatible server's models over its /models endpoint, then reuses the list", async () => {
    const before = openai.requestsTo('/v1/models').length;
    const reply = await t.admin.get<ProviderModels>('/api/providers/openai-compatible/models');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ provider: 'openai-compatible', live: true });
    expect(reply.body.models.map((model) => model.id)).toEqual(['gpt-test', 'gpt-test-mini', 'embed-test']);
    expect(openai.requestsTo('/v1/models')).toHaveLength(before + 1);
    expect(openai.requestsTo('/v1/models').at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    await t.admin.get('/api/providers/openai-compatible/models');
    expect(openai.requestsTo('/v1/models')).toHaveLength(before + 1);
    await t.admin.get('/api/providers/openai-compatible/models?refresh=1');
    expect(openai.requestsTo('/v1/models')).toHaveLength(before + 2);
  });

  it("lists Ollama's pulled models from /api/tags, embedding models told apart", async () => {
    const reply = await t.admin.get<ProviderModels>('/api/providers/ollama/models');
    expect(reply.status).toBe(200);
    expect(reply.body.models).toEqual([
      { id: 'llama3.2:latest', kind: 'chat' },
      { id: 'nomic-embed-text:latest', kind: 'embedding' },
    ]);
  });

  it('lists with a stored credential the node names', async () => {
    const reply = await t.admin.get<ProviderModels>('/api/providers/openai/models?credential=team-openai');
    expect(reply.status).toBe(200);
    expect(reply.body.models.map((model) => model.id)).toContain('gpt-test-mini');
  });

  it('gives the shipped suggestions for a provider without a model list', async () => {
    const reply = await t.admin.get<ProviderModels>('/api/providers/cohere/models');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ live: false });
    expect(reply.body.models).toContainEqual({ id: 'rerank-v3.5', kind: 'rerank' });
  });

  it("answers 502 with the provider's own message when it refuses the key", async () => {
    const reply = await t.admin.get<ErrorBody>('/api/providers/deepseek/models');
    expect(reply.status).toBe(502);
    expect(reply.body.error.code).toBe('PROVIDER_AUTH');
    expect(reply.body.error.message).toMatch(/deepseek/i);
    expect(reply.body.error.message).not.toContain('sk-wrong-key');
  });

  it('answers 502 when the provider cannot be reached, and 504 when it does not answer in time', async () => {
    const refused = await t.admin.get<ErrorBody>('/api/providers/vllm/models');
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('PROVIDER_UNAVAILABLE');
    const hanging = await t.admin.get<ErrorBody>('/api/providers/llamacpp/models');
    expect(hanging.status).toBe(504);
    expect(hanging.body.error.message).toMatch(/llama\.cpp server did not list its models within 0\.4 s/);
  });

  it('answers 409 for a provider without its key, and 404 for one that does not exist', async () => {
    const missing = await t.admin.get<ErrorBody>('/api/providers/anthropic/models');
    expect(missing.status).toBe(409);
    expect(missing.body.error.message).toMatch(/ANTHROPIC_API_KEY/);
    const unknown = await t.admin.get<ErrorBody>('/api/providers/no-such-provider/models');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/providers', '/api/providers/{id}/models']));
  });
});
