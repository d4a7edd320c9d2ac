import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeIndex } from './knowledge-index.js';
import { StoredKnowledgeBases } from './knowledge-service.js';
import { type SearchRequestInput, SearchRequestSchema } from './model.js';
import { searchKnowledge } from './search-knowledge.js';
import { DiskKnowledgeStore } from './store/disk-store.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/knowledge/${name}`, import.meta.url)));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-kb-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const request = (input: SearchRequestInput) => SearchRequestSchema.parse({ mode: 'keyword', ...input });

// PDF.js and mammoth load on first use; under a busy machine that alone can take seconds.
describe('a keyword-only knowledge base on disk', { timeout: 30_000 }, () => {
  it('indexes files of every format and finds Chinese and English answers', async () => {
    const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
    const { base, created } = await bases.ensure('support');
    expect(created).toBe(true);
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
    expect(base.info).toMatchObject({ documents: 6, keywordOnly: true, vectorIndex: 'none' });
    const zh = await searchKnowledge([base], request({ query: '钻石卡会员有什么优惠？', topK: 1 }));
    expect(zh.hits[0]?.document).toBe('会员权益.txt');
    expect(zh.hits[0]?.text).toContain('九折');
    const en = await searchKnowledge([base], request({ query: 'how do I reset the router', topK: 1 }));
    expect(en.hits[0]).toMatchObject({ document: 'manual.pdf', metadata: { page: 1, title: 'Router X200 Manual' } });
  });

  it('says vector and hybrid searches need an embedding model', async () => {
    const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
    const { base } = await bases.ensure('kw');
    await base.add('shipping.txt', fixture('shipping.txt'));
    await expect(searchKnowledge([base], request({ query: 'shipping', mode: 'hybrid' }))).rejects.toMatchObject({
      code: 'KNOWLEDGE_KEYWORD_ONLY',
    });
  });

  it('filters by record fields inside the search', async () => {
    const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
    const { base } = await bases.ensure('shop');
    await base.add('products.csv', fixture('products.csv'));
    const result = await searchKnowledge(
      [base],
      request({ query: 'monitor', topK: 5, filters: [{ field: 'price', op: 'lt', value: 1000 }] }),
    );
    expect(result.hits.map((h) => h.metadata.sku)).toEqual(['B400']);
  });

  it('replaces and removes one document, and a file it cannot read changes nothing', async () => {
    const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
    const { base } = await bases.ensure('docs');
    await base.add('policy.txt', Buffer.from('Refunds take seven days.'));
    await base.add('shipping.txt', fixture('shipping.txt'));
    const { replaced } = await base.add('policy.txt', Buffer.from('Refunds take three days.'));
    expect(replaced).toBe(true);
    const hits = (await searchKnowledge([base], request({ query: 'refunds' }))).hits;
    expect(hits.map((h) => h.text)).toEqual(['Refunds take three days.']);
    await expect(base.add('broken.pdf', Buffer.from('%PDF-1.4 broken'))).rejects.toMatchObject({
      code: 'KNOWLEDGE_PARSE_FAILED',
    });
    expect(base.info.documents).toBe(2);
    await base.remove('shipping.txt');
    await expect(base.remove('shipping.txt')).rejects.toMatchObject({ code: 'KNOWLEDGE_DOCUMENT_NOT_FOUND' });
    expect((await base.documents()).map((d) => d.name)).toEqual(['policy.txt']);
  });

  it('lets searches during a replacement see the old or the new version, never half', async () => {
    const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
    const { base } = await bases.ensure('swap');
    expect(base.info.documents).toBe(0);
    const version = (v: string) =>
      Buffer.from(Array.from({ length: 30 }, (_, i) => `Section ${i} says version ${v}.`).join('\n\n'));
    const settings = { chunking: { chunkSize: 16, overlap: 0 } };
    const swap = (await bases.ensure('swap2', settings)).base;
    await swap.add('doc.txt', version('alpha'));
    const seen = new Set<string>();
    const writes = [swap.add('doc.txt', version('beta')), swap.add('doc.txt', version('gamma'))];
    const reads = Array.from({ length: 20 }, async () => {
      const { hits } = await searchKnowledge([swap], request({ query: 'section version', topK: 100 }));
      const versions = new Set(hits.map((h) => /version (\w+)/.exec(h.text)?.[1]));
      expect(versions.size).toBe(1);
      const sections = new Set(hits.flatMap((h) => [...h.text.matchAll(/Section (\d+)/g)].map((m) => m[1])));
      expect(sections.size).toBe(30);
      seen.add([...versions][0] ?? '');
    });
    await Promise.all([...writes, ...reads]);
    const after = await searchKnowledge([swap], request({ query: 'section version', topK: 100 }));
    expect(new Set(after.hits.map((h) => /version (\w+)/.exec(h.text)?.[1]))).toEqual(new Set(['gamma']));
    expect(seen.size).toBeGreaterThan(0);
  });

  it('reopens from the snapshot after a restart without reading documents again', async () => {
    const store = new DiskKnowledgeStore(dir);
    const first = new StoredKnowledgeBases(store);
    const { base } = await first.ensure('persist');
    await base.add('refund-policy.md', fixture('refund-policy.md'));
    await first.flush();
    const reopened = await new StoredKnowledgeBases(new DiskKnowledgeStore(dir)).open('persist');
    const { hits } = await searchKnowledge([reopened], request({ query: '银行卡退款多久到账', topK: 1 }));
    expect(hits[0]?.text).toContain('银行卡');
    expect(hits[0]?.headingPath).toEqual(['退款与退货政策', '退款时效']);
  });

  it('rebuilds a stale snapshot from the stored chunks', async () => {
    const first = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
    const { base } = await first.ensure('stale');
    await base.add('a.txt', Buffer.from('apples are red'));
    await first.flush();
    await base.add('b.txt', Buffer.from('bananas are yellow'));
    // no flush: the snapshot on disk is one generation behind
    const reopened = await new StoredKnowledgeBases(new DiskKnowledgeStore(dir)).open('stale');
    expect(reopened.info.documents).toBe(2);
    const { hits } = await searchKnowledge([reopened], request({ query: 'bananas' }));
    expect(hits[0]?.document).toBe('b.txt');
  });

  it('names the knowledge bases that exist when one is missing', async () => {
    const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
    await bases.ensure('faq');
    await expect(bases.open('fqa')).rejects.toThrow(/"fqa" does not exist\. Known: faq/);
  });

  it('applies the threshold and reports what it cut in debug mode', async () => {
    const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
    const { base } = await bases.ensure('cut');
    await base.add('faq.json', fixture('faq.json'));
    const all = await searchKnowledge([base], request({ query: 'password reset email', topK: 3, debug: true }));
    const best = all.hits[0]?.score ?? 0;
    const cut = await searchKnowledge(
      [base],
      request({ query: 'password reset email', topK: 3, threshold: best, debug: true }),
    );
    expect(cut.hits).toHaveLength(1);
    expect(cut.cut?.every((c) => c.reason === 'threshold' && c.score < best)).toBe(true);
  });

  it('rebuilds its index when replaced chunks outnumber the live ones, with the same answers', async () => {
    const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
    const { base } = await bases.ensure('churn', { chunking: { chunkSize: 16, overlap: 0 } });
    const text = (v: number) =>
      Buffer.from(Array.from({ length: 400 }, (_, i) => `Item ${i} is version ${v}.`).join('\n\n'));
    for (let v = 1; v <= 5; v++) await base.add('items.txt', text(v));
    const before = await searchKnowledge([base], request({ query: 'item 42 version', topK: 1 }));
    await base.flush();
    const snapshot = await new DiskKnowledgeStore(dir).readSnapshot('churn');
    expect(snapshot && KnowledgeIndex.restore(snapshot).index.removedChunks).toBe(0);
    const reopened = await new StoredKnowledgeBases(new DiskKnowledgeStore(dir)).open('churn');
    const after = await searchKnowledge([reopened], request({ query: 'item 42 version', topK: 1 }));
    expect(after.hits[0]?.text).toBe(before.hits[0]?.text);
    expect(after.hits[0]?.text).toContain('version 5');
    expect(reopened.info.chunks).toBe(base.info.chunks);
  });
});
