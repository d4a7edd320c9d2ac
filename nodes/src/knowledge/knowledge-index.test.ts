import { describe, expect, it } from 'vitest';
import type { Chunk } from './chunk/chunker.js';
import { KnowledgeIndex } from './knowledge-index.js';

const chunk = (text: string, metadata: Chunk['metadata'] = {}, position = 0): Chunk => ({
  text,
  tokens: 10,
  position,
  headingPath: [],
  metadata,
});
const query = (text: string, extra: Partial<Parameters<KnowledgeIndex['search']>[0]> = {}) => ({
  text,
  mode: 'keyword' as const,
  depth: 10,
  filters: [],
  weights: { keyword: 1, vector: 1 },
  ...extra,
});

describe('KnowledgeIndex', () => {
  it('replaces a document in one step: the old chunks go, the new ones come', () => {
    const index = new KnowledgeIndex(1000);
    index.replaceDocument('policy.md', [chunk('refunds take seven days')]);
    index.replaceDocument('other.md', [chunk('shipping takes two days')]);
    index.replaceDocument('policy.md', [chunk('refunds take three days', {}, 0), chunk('contact support', {}, 1)]);
    const hits = index.search(query('refunds'));
    expect(hits.map((h) => h.chunk.text)).toEqual(['refunds take three days']);
    expect(index.chunkCount).toBe(3);
    expect(index.chunksOf('policy.md')).toHaveLength(2);
    expect(index.removeDocument('policy.md')).toBe(true);
    expect(index.search(query('refunds'))).toEqual([]);
    expect(index.documents()).toEqual(['other.md']);
    expect(index.removedChunks).toBe(3);
  });

  it('reports keyword scores on a 0–1 scale and ranks in the debugger fields', () => {
    const index = new KnowledgeIndex(1000);
    index.replaceDocument('a', [chunk('refund policy for members'), chunk('refund')]);
    const hits = index.search(query('refund policy'));
    expect(hits[0]?.keyword).toMatchObject({ rank: 1 });
    expect(hits[1]?.keyword).toMatchObject({ rank: 2 });
    for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.score).toBeLessThanOrEqual(1);
    expect(hits[0]?.vector).toBeNull();
  });

  it('fuses keyword and vector ranks in hybrid mode and applies filters inside both', () => {
    const index = new KnowledgeIndex(1000);
    index.replaceDocument(
      'catalogue.csv',
      [
        chunk('cheap monitor', { price: 100 }),
        chunk('expensive monitor', { price: 900 }),
        chunk('keyboard', { price: 50 }),
      ],
      Float32Array.from([1, 0, 0.9, 0.1, 0, 1]),
    );
    const vector = Float32Array.from([1, 0]);
    const hybrid = index.search(query('monitor', { mode: 'hybrid', vector }));
    expect(hybrid[0]?.chunk.text).toBe('cheap monitor');
    expect(hybrid[0]?.keyword?.rank).toBeGreaterThan(0);
    expect(hybrid[0]?.vector).toMatchObject({ rank: 1 });
    expect(hybrid[0]?.fused).toBe(hybrid[0]?.score);
    const filtered = index.search(
      query('monitor', { mode: 'hybrid', vector, depth: 1, filters: [{ field: 'price', op: 'gt', value: 500 }] }),
    );
    expect(filtered.map((h) => h.chunk.text)).toEqual(['expensive monitor']);
  });

  it('round-trips through a snapshot', () => {
    const index = new KnowledgeIndex(2);
    index.replaceDocument(
      'a.md',
      [chunk('退款政策', { lang: 'zh' }), chunk('refund policy')],
      Float32Array.from([1, 0, 0, 1]),
    );
    index.replaceDocument('b.md', [chunk('积分规则')], Float32Array.from([0.5, 0.5]));
    index.removeDocument('b.md');
    const { index: restored, generation } = KnowledgeIndex.restore(index.snapshot(7));
    expect(generation).toBe(7);
    expect(restored.documents()).toEqual(['a.md']);
    const q = query('退款', { mode: 'hybrid' as const, vector: Float32Array.from([1, 0]) });
    expect(restored.search(q)).toEqual(index.search(q));
    expect(restored.approximate).toBe(true);
  });

  it('rejects vectors of another dimension without touching the index', () => {
    const index = new KnowledgeIndex(1000);
    index.replaceDocument('a', [chunk('one')], Float32Array.from([1, 0]));
    expect(() => index.replaceDocument('a', [chunk('two')], Float32Array.from([1, 0, 0]))).toThrow(/2 dimensions/);
    expect(index.search(query('one')).map((h) => h.chunk.text)).toEqual(['one']);
  });
});
