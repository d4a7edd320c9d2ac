import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer.js';
import { Bm25Index } from './bm25-index.js';

const texts = [
  '退款政策：七天无理由退货，退款三个工作日到账。',
  '会员积分可以抵扣现金。',
  'Refunds are paid back within three working days.',
  'Shipping is free for orders above 99 yuan.',
];

function build(): Bm25Index {
  const index = new Bm25Index();
  for (const [slot, text] of texts.entries()) index.add(slot, analyze(text));
  return index;
}

describe('Bm25Index', () => {
  it('ranks the Chinese chunk about refunds first for a Chinese question', () => {
    const hits = build().search(analyze('怎么申请退款？'), 3);
    expect(hits[0]?.id).toBe(0);
    expect(hits.map((h) => h.id)).not.toContain(1);
  });

  it('matches English inflections through stemming', () => {
    expect(build().search(analyze('refunded payment'), 3)[0]?.id).toBe(2);
  });

  it('rewards rarer terms (idf) and repeated terms with saturation', () => {
    const index = new Bm25Index();
    index.add(0, analyze('apple apple apple banana'));
    index.add(1, analyze('apple banana cherry'));
    index.add(2, analyze('apple'));
    const hits = index.search(analyze('cherry apple'), 3);
    expect(hits[0]?.id).toBe(1);
    expect(index.idf(1)).toBeGreaterThan(index.idf(3));
    expect(hits.every((h) => h.score <= index.maxScore(analyze('cherry apple')))).toBe(true);
  });

  it('searches only the allowed chunks, before top-k', () => {
    const allowed = new Uint8Array([0, 0, 1, 0]);
    expect(
      build()
        .search(analyze('退款 refund'), 1, allowed)
        .map((h) => h.id),
    ).toEqual([2]);
  });

  it('forgets removed chunks and adjusts document frequencies', () => {
    const index = build();
    index.remove(0, analyze(texts[0] ?? ''));
    expect(index.size).toBe(3);
    expect(index.search(analyze('退款'), 5)).toEqual([]);
    index.add(4, analyze('退款申请表'));
    expect(index.search(analyze('退款'), 5).map((h) => h.id)).toEqual([4]);
  });

  it('restores from a snapshot with the same results', () => {
    const index = build();
    index.remove(1, analyze(texts[1] ?? ''));
    const { header, arrays } = index.snapshot();
    const restored = Bm25Index.restore(header, new Map(Object.entries(arrays)));
    for (const query of ['退款', 'refund days', '积分', 'shipping 99']) {
      expect(restored.search(analyze(query), 4)).toEqual(index.search(analyze(query), 4));
    }
    expect(restored.size).toBe(3);
  });
});
