import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createModelProviders,
  DiskKnowledgeStore,
  type KnowledgeBaseSettingsInput,
  type SearchRequestInput,
  SearchRequestSchema,
  StoredKnowledgeBases,
  searchKnowledge,
  staticCredentials,
} from '@tailor/nodes';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../support/index.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/knowledge/${name}`, import.meta.url)));
const embedding = { provider: 'openai-compatible', credential: 'local', model: 'embed-small' };
const request = (input: SearchRequestInput) => SearchRequestSchema.parse(input);

let server: ProviderServer;
let dir: string;

function basesFor(url: string, apiKey = 'test-key') {
  const providers = createModelProviders(
    staticCredentials([{ id: 'local', kind: 'api-key', provider: 'openai-compatible', baseUrl: url, apiKey }]),
    { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } },
  );
  return new StoredKnowledgeBases(new DiskKnowledgeStore(dir), providers);
}

async function filledBase(settings: KnowledgeBaseSettingsInput = { embedding }) {
  const { base } = await basesFor(server.openaiBaseUrl).ensure('support', settings);
  for (const name of [
    'refund-policy.md',
    'handbook.html',
    'manual.pdf',
    'warranty.docx',
    'products.csv',
    '会员权益.txt',
  ]) {
    await base.add(name, fixture(name));
  }
  return base;
}

beforeAll(async () => {
  server = await startProviderServer({ apiKey: 'test-key', embeddingDimensions: 64 });
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-kb-vectors-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('knowledge bases with an embedding model over real HTTP', { timeout: 30_000 }, () => {
  it('embeds every chunk through the provider and stores the model and dimension', async () => {
    const before = server.requestsTo('/embeddings').length;
    const base = await filledBase();
    const calls = server.requestsTo('/embeddings').slice(before);
    expect(calls.length).toBe(6);
    expect(calls[0]?.body).toMatchObject({ model: 'embed-small' });
    expect(base.info).toMatchObject({
      keywordOnly: false,
      embedded: { model: 'embed-small', dimensions: 64 },
      vectorIndex: 'exact',
    });
  });

  it('answers vector and hybrid searches, with every score in the debugger', async () => {
    const base = await filledBase();
    const vector = await searchKnowledge(
      [base],
      request({ query: 'reset the router button', mode: 'vector', topK: 1 }),
      {
        providers: base.providers,
      },
    );
    expect(vector.hits[0]).toMatchObject({ document: 'manual.pdf', scores: { keyword: null, fused: null } });
    expect(vector.hits[0]?.scores.vector?.rank).toBe(1);
    expect(vector.hits[0]?.score).toBeCloseTo(vector.hits[0]?.scores.vector?.score ?? 0, 10);
    const hybrid = await searchKnowledge([base], request({ query: '钻石卡会员优惠', mode: 'hybrid', topK: 3 }));
    const top = hybrid.hits[0];
    expect(top?.document).toBe('会员权益.txt');
    expect(top?.scores.keyword?.rank).toBe(1);
    expect(top?.scores.vector?.rank).toBeGreaterThan(0);
    expect(top?.scores.fused).toBe(top?.score);
    expect(hybrid.timings.embedMs).toBeGreaterThan(0);
  });

  it('reranks the fused candidates through the rerank API', async () => {
    const base = await filledBase();
    const result = await searchKnowledge(
      [base],
      request({
        query: 'battery warranty months',
        mode: 'hybrid',
        topK: 2,
        rerank: { ...embedding, model: 'rerank-1' },
      }),
      { providers: base.providers },
    );
    const call = server.requestsTo('/rerank').at(-1);
    expect(call?.body).toMatchObject({ model: 'rerank-1', query: 'battery warranty months' });
    expect(result.hits[0]?.document).toBe('warranty.docx');
    expect(result.hits[0]?.scores.rerank).toBe(result.hits[0]?.score);
    expect(result.hits[0]?.scores.fused).not.toBeNull();
  });

  it('leaves the knowledge base as it was when the provider refuses to embed', async () => {
    const base = await filledBase();
    const refused = await basesFor(server.openaiBaseUrl, 'wrong-key').open('support');
    await expect(refused.add('shipping.txt', fixture('shipping.txt'))).rejects.toMatchObject({ code: 'PROVIDER_AUTH' });
    expect((await refused.documents()).map((d) => d.name)).not.toContain('shipping.txt');
    expect(refused.info.documents).toBe(base.info.documents);
  });

  it('detects a changed embedding dimension and a changed model', async () => {
    await filledBase();
    const other = await startProviderServer({ apiKey: 'test-key', embeddingDimensions: 32 });
    try {
      const base = await basesFor(other.openaiBaseUrl).open('support');
      await expect(base.add('shipping.txt', fixture('shipping.txt'))).rejects.toMatchObject({
        code: 'KNOWLEDGE_EMBEDDING_MISMATCH',
      });
      await expect(searchKnowledge([base], request({ query: 'router', mode: 'vector' }))).rejects.toMatchObject({
        code: 'KNOWLEDGE_EMBEDDING_MISMATCH',
      });
    } finally {
      await other.close();
    }
    const store = new DiskKnowledgeStore(dir);
    const record = await store.getBase('support');
    if (!record?.settings.embedding) throw new Error('the knowledge base should have an embedding model');
    await store.putBase({
      ...record,
      settings: { ...record.settings, embedding: { ...record.settings.embedding, model: 'embed-large' } },
    });
    const changed = await basesFor(server.openaiBaseUrl).open('support');
    const error = await searchKnowledge([changed], request({ query: 'router', mode: 'hybrid' })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'KNOWLEDGE_EMBEDDING_MISMATCH' });
    expect(String((error as Error).message)).toContain('"embed-small"');
  });

  it('switches to the HNSW index above the threshold and keeps it across a restart', async () => {
    const base = await filledBase({ embedding, approximateFrom: 10 });
    expect(base.info.vectorIndex).toBe('approximate');
    const query = request({ query: 'reset the router', mode: 'vector', topK: 3 });
    const before = await searchKnowledge([base], query);
    await basesFor(server.openaiBaseUrl).flush();
    await base.flush();
    const reopened = await basesFor(server.openaiBaseUrl).open('support');
    expect(reopened.info.vectorIndex).toBe('approximate');
    const after = await searchKnowledge([reopened], query);
    expect(after.hits.map((h) => [h.document, h.position])).toEqual(before.hits.map((h) => [h.document, h.position]));
  });
});
