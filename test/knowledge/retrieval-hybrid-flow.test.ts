import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  catalogue,
  createModelProviders,
  DiskKnowledgeStore,
  KnowledgeService,
  ModelProvidersService,
  StoredKnowledgeBases,
  staticCredentials,
} from '@tailor/nodes';
import { FlowDocumentSchema, runFlow, ServiceRegistry } from '@tailor/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../support/index.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/knowledge/${name}`, import.meta.url)));

const flowWith = (config: Record<string, unknown>) =>
  FlowDocumentSchema.parse({
    schema: 'tailor.flow/v1',
    id: 'hybrid-retrieval',
    name: 'Hybrid retrieval',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } },
      { id: 'kb', type: 'retrieval', config: { knowledgeBase: 'support', query: '{{ start.question }}', ...config } },
      { id: 'end', type: 'output', config: { value: '{{ kb.chunks }}' } },
    ],
    edges: [
      { from: 'start', to: 'kb' },
      { from: 'kb', to: 'end' },
    ],
  });

type Chunk = { document: string; score: number; scores: Record<string, unknown> };

let server: ProviderServer;
let dir: string;
let services: ServiceRegistry;

beforeAll(async () => {
  server = await startProviderServer({ apiKey: 'flow-key', embeddingDimensions: 64 });
  dir = mkdtempSync(join(tmpdir(), 'tailor-kb-hybrid-flow-'));
  const providers = createModelProviders(
    staticCredentials([
      {
        id: 'local',
        kind: 'api-key',
        provider: 'openai-compatible',
        baseUrl: server.openaiBaseUrl,
        apiKey: 'flow-key',
      },
    ]),
  );
  const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir), providers);
  const { base } = await bases.ensure('support', {
    embedding: { provider: 'openai-compatible', credential: 'local', model: 'embed-small' },
  });
  for (const name of ['warranty.docx', 'manual.pdf', 'refund-policy.md', 'products.csv'])
    await base.add(name, fixture(name));
  services = new ServiceRegistry().provide(KnowledgeService, bases).provide(ModelProvidersService, providers);
}, 30_000);
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the retrieval node with embeddings and rerank, in a flow', { timeout: 30_000 }, () => {
  it('searches hybrid by default when the knowledge base has an embedding model', async () => {
    const { status, output, record } = await runFlow(
      flowWith({ topK: 2 }),
      { question: 'battery warranty' },
      { catalogue, services },
    ).result;
    expect(status).toBe('succeeded');
    const chunks = output as Chunk[];
    expect(chunks[0]?.document).toBe('warranty.docx');
    expect(chunks[0]?.scores).toMatchObject({ keyword: { rank: 1 }, rerank: null });
    expect(chunks[0]?.scores.vector).not.toBeNull();
    expect(record.nodes.find((n) => n.nodeId === 'kb')?.logs[0]?.message).toMatch(/support: hybrid/);
  });

  it('reranks through the rerank API and applies the threshold to the rerank score', async () => {
    const config = {
      topK: 3,
      threshold: 0.5,
      rerank: { provider: 'openai-compatible', credential: 'local', model: 'rerank-1' },
    };
    const { output } = await runFlow(flowWith(config), { question: 'router reset button' }, { catalogue, services })
      .result;
    const chunks = output as Chunk[];
    expect(server.requestsTo('/rerank').at(-1)?.body).toMatchObject({
      model: 'rerank-1',
      query: 'router reset button',
    });
    expect(chunks.map((c) => c.document)).toEqual(['manual.pdf']);
    expect(chunks[0]?.scores.rerank).toBe(chunks[0]?.score);
    expect(chunks[0]?.score).toBeGreaterThanOrEqual(0.5);
  });

  it('filters inside the hybrid search', async () => {
    const config = { topK: 5, filters: [{ field: 'category', op: 'eq', value: 'displays' }] };
    const { output } = await runFlow(flowWith(config), { question: 'monitor' }, { catalogue, services }).result;
    expect((output as Chunk[]).map((c) => c.document)).toEqual(['products.csv', 'products.csv']);
  });
});
