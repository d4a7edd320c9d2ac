import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceRegistry } from '@tailor/runtime';
import { runNodeForTest } from '@tailor/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeService, StoredKnowledgeBases } from './knowledge-service.js';
import { retrievalNode } from './retrieval.js';
import { DiskKnowledgeStore } from './store/disk-store.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/knowledge/${name}`, import.meta.url)));

let dir: string;
let services: ServiceRegistry;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-retrieval-'));
  const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
  const faq = (await bases.ensure('faq')).base;
  await faq.add('refund-policy.md', fixture('refund-policy.md'));
  await faq.add('会员权益.txt', fixture('会员权益.txt'));
  const shop = (await bases.ensure('shop')).base;
  await shop.add('products.csv', fixture('products.csv'));
  await shop.add('manual.pdf', fixture('manual.pdf'));
  services = new ServiceRegistry().provide(KnowledgeService, bases);
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('retrieval node', { timeout: 30_000 }, () => {
  it('returns chunks with sources and a prompt-ready text', async () => {
    const { output, logs } = await runNodeForTest(
      retrievalNode,
      { knowledgeBase: 'faq', query: '银行卡退款几天到账？', topK: 2 },
      { services },
    );
    expect(output.chunks[0]).toMatchObject({
      document: 'refund-policy.md',
      knowledgeBase: 'faq',
      headingPath: ['退款与退货政策', '退款时效'],
      scores: { vector: null, fused: null, rerank: null },
    });
    expect(output.chunks[0]?.scores.keyword?.rank).toBe(1);
    expect(output.text.startsWith('[1] refund-policy.md › 退款与退货政策 › 退款时效\n')).toBe(true);
    expect(output.text).toContain('银行卡');
    expect(logs[0]?.message).toMatch(/faq: keyword/);
  });

  it('searches several knowledge bases together', async () => {
    const { output } = await runNodeForTest(
      retrievalNode,
      { knowledgeBase: ['faq', 'shop'], query: 'reset router status light', topK: 3 },
      { services },
    );
    expect(output.chunks[0]).toMatchObject({ knowledgeBase: 'shop', document: 'manual.pdf' });
    expect(output.text).toContain('manual.pdf (p. 1)');
  });

  it('applies metadata filters', async () => {
    const { output } = await runNodeForTest(
      retrievalNode,
      { knowledgeBase: 'shop', query: 'monitor', filters: [{ field: 'in_stock', op: 'eq', value: true }] },
      { services },
    );
    expect(output.chunks.map((c) => c.metadata.sku)).toEqual(['B400']);
  });

  it('returns nothing for an empty query, with a warning', async () => {
    const { output, logs } = await runNodeForTest(retrievalNode, { knowledgeBase: 'faq', query: '  ' }, { services });
    expect(output).toEqual({ chunks: [], text: '' });
    expect(logs[0]?.level).toBe('warn');
  });

  it('fails clearly for a missing knowledge base and for vector search without embeddings', async () => {
    await expect(
      runNodeForTest(retrievalNode, { knowledgeBase: 'nope', query: 'x' }, { services }),
    ).rejects.toMatchObject({
      code: 'KNOWLEDGE_NOT_FOUND',
    });
    await expect(
      runNodeForTest(retrievalNode, { knowledgeBase: 'faq', query: 'x', mode: 'vector' }, { services }),
    ).rejects.toMatchObject({ code: 'KNOWLEDGE_KEYWORD_ONLY' });
  });

  it('needs the knowledge service', async () => {
    await expect(runNodeForTest(retrievalNode, { knowledgeBase: 'faq', query: 'x' })).rejects.toMatchObject({
      code: 'SERVICE_MISSING',
    });
  });
});
